import { describe, expect, it } from "vitest";
import { nelderMead } from "../src/index";

/*
 * Issue 19: a run in which the shrink step decides what happens next. With n = 3 Gao and Han's
 * coefficients are reflection 1, inside contraction 7/12 and shrink 2/3 (so a shrink by any other
 * of the method's factors, or by 1 − 2/3, shows). From the start (0, 0, 0) with initial step 1
 * the simplex is v₀ = 0, v₁ = e₁, v₂ = e₂, v₃ = e₃, and the objective
 *   f(x) = x₁² + 2x₂² + 3x₃² + 20·exp(−‖x − (5/36, 5/36, 7/12)‖²/0.05²)
 * puts a narrow spike on the one point the first inside contraction tries. By hand:
 *   f(v₀..v₃) = 0, 1, 2, 3; the centroid of v₀, v₁, v₂ is c = (⅓, ⅓, 0);
 *   evaluation 5, the reflection 2c − v₃ = (⅔, ⅔, −1): f = 4⅓ ≥ f(v₃), so contract inside;
 *   evaluation 6, c + 7/12·(v₃ − c) = (5/36, 5/36, 7/12): f ≈ 21.3 ≥ f(v₃), so shrink towards v₀;
 *   evaluations 7–9, v₀ + ⅔(v_k − v₀) = (⅔, 0, 0), (0, ⅔, 0), (0, 0, ⅔) with f = 4/9, 8/9, 4/3.
 *   Then the new worst (0, 0, ⅔) is reflected through c′ = (2/9, 2/9, 0): evaluation 10 at
 *   (4/9, 4/9, −⅔) with f ≈ 1.93. With the shrunk vertices' values stored that is worse than the
 *   worst (4/3), so evaluation 11 is the inside contraction c′ + 7/12·((0, 0, ⅔) − c′) =
 *   (5/54, 5/54, 7/18). Had the values not been stored, the stale 2 and 3 would make the
 *   reflection an accepted step, and evaluation 11 a reflection of another vertex.
 * The spike is below 1e-6 at every other point of these eleven evaluations.
 */
const spikeAt = [5 / 36, 5 / 36, 7 / 12];
const spiked = {
  dimension: 3,
  value: (x: Float64Array): number => {
    let distanceSquared = 0;
    for (let i = 0; i < 3; i++) distanceSquared += (x[i] - spikeAt[i]) * (x[i] - spikeAt[i]);
    const bowl = x[0] * x[0] + 2 * x[1] * x[1] + 3 * x[2] * x[2];
    return bowl + 20 * Math.exp(-distanceSquared / 0.0025);
  },
};

function trace(): number[][] {
  const points: number[][] = [];
  nelderMead().minimize(spiked, Float64Array.of(0, 0, 0), {
    initialStep: 1,
    maxEvaluations: 11,
    onEvaluation: (theta) => points.push(Array.from(theta)),
  });
  return points;
}

function expectPoint(actual: number[] | undefined, expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((value, i) => {
    expect(actual?.[i]).toBeCloseTo(value, 14);
  });
}

describe("nelderMead's shrink step", () => {
  it("is reached after a reflection and an inside contraction both fail", () => {
    const points = trace();
    expectPoint(points[4], [2 / 3, 2 / 3, -1]);
    expectPoint(points[5], spikeAt);
  });

  it("moves every other vertex two thirds of the way from the best one", () => {
    const points = trace();
    expectPoint(points[6], [2 / 3, 0, 0]);
    expectPoint(points[7], [0, 2 / 3, 0]);
    expectPoint(points[8], [0, 0, 2 / 3]);
  });

  it("continues from the shrunk vertices' new values", () => {
    const points = trace();
    expectPoint(points[9], [4 / 9, 4 / 9, -2 / 3]);
    expectPoint(points[10], [5 / 54, 5 / 54, 7 / 18]);
  });
});
