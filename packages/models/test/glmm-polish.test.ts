import { describe, expect, it } from "vitest";
import { newtonPolish } from "../src/glmm-polish";

// The Newton polish after the joint stage, on functions whose minimum is known.

/** f(x) = (x − m)ᵀ A (x − m) + c with A = [[2, 0.5], [0.5, 1]]. */
function quadratic(m: [number, number], c = 10) {
  return (x: Float64Array): number => {
    const a = x[0] - m[0];
    const b = x[1] - m[1];
    return 2 * a * a + a * b + b * b + c;
  };
}

describe("newtonPolish", () => {
  it("lands on a quadratic's minimum in one step and trusts it", () => {
    const f = quadratic([1, 2]);
    let recorded = 0;
    const x0 = Float64Array.from([1.3, 1.7]);
    const polish = newtonPolish(
      f,
      (x) => {
        recorded++;
        return f(x);
      },
      x0,
      f(x0),
      1,
      Float64Array.from([Number.NEGATIVE_INFINITY, 0]),
    );
    expect(recorded).toBe(1);
    expect(polish.trusted).toBe(true);
    expect(polish.point[0]).toBeCloseTo(1, 6);
    expect(polish.point[1]).toBeCloseTo(2, 6);
    expect(polish.value).toBeLessThan(f(x0));
    // 2·H⁻¹ restricted to the first coordinate: H = [[4, 1], [1, 2]], (H⁻¹)₁₁ = 2/7.
    expect(polish.covariance?.[0]).toBeCloseTo(4 / 7, 5);
  });

  it("keeps a coordinate on its bound where f rises into the box", () => {
    // Minimum at (1, −0.5), outside the box y ≥ 0: on the face y = 0 the minimum is at x = 0.875.
    const f = quadratic([1, -0.5]);
    const x0 = Float64Array.from([1.5, 0]);
    const polish = newtonPolish(
      f,
      f,
      x0,
      f(x0),
      1,
      Float64Array.from([Number.NEGATIVE_INFINITY, 0]),
    );
    expect(polish.trusted).toBe(true);
    expect(polish.point[1]).toBe(0);
    expect(polish.point[0]).toBeCloseTo(0.875, 6);
  });

  it("does not trust a step whose gain the quadratic model mispredicts", () => {
    // A quartic valley: the quadratic model at x0 overshoots.
    const f = (x: Float64Array): number => (x[0] - 1) ** 4 + (x[0] - 1) ** 2 * 0.01 + x[1] ** 2;
    const x0 = Float64Array.from([3, 0.5]);
    const polish = newtonPolish(
      f,
      f,
      x0,
      f(x0),
      1,
      Float64Array.from([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]),
    );
    expect(polish.trusted).toBe(false);
    expect(polish.value).toBeLessThanOrEqual(f(x0));
  });

  it("leaves the optimizer to resume when a θ is near its bound but not on it", () => {
    const f = quadratic([1, 0.0005]);
    const x0 = Float64Array.from([1.2, 0.0002]);
    let recorded = 0;
    const polish = newtonPolish(
      f,
      () => {
        recorded++;
        return 0;
      },
      x0,
      f(x0),
      1,
      Float64Array.from([Number.NEGATIVE_INFINITY, 0]),
    );
    expect(polish.trusted).toBe(false);
    expect(recorded).toBe(0);
    expect(Array.from(polish.point)).toEqual(Array.from(x0));
  });
});
