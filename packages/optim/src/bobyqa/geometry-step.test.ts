import { describe, expect, it } from "vitest";
import { GeometryStep } from "./geometry-step";
import { InterpolationSet } from "./interpolation-set";

/** 2n+1 axis points of step h about `center`, plus one point moved far away (index 2n). */
function setWithFarPoint(n: number, h: number, far: number): InterpolationSet {
  const set = new InterpolationSet(n, 2 * n + 1);
  const x = new Float64Array(n);
  for (let k = 0; k <= 2 * n; k++) {
    x.fill(0);
    if (k >= 1 && k <= n) x[k - 1] = h;
    if (k > n) x[k - n - 1] = -h;
    if (k === 2 * n) x[n - 1] = -far;
    set.points.set(x, k * n);
    set.values[k] = k === 0 ? 0 : 1 + k;
  }
  set.best = 0;
  return set;
}

describe("GeometryStep", () => {
  it("moves a far point to within the radius, inside the box, with a nonzero denominator", () => {
    const n = 3;
    const set = setWithFarPoint(n, 0.1, 5);
    expect(set.factor()).toBe(true);
    const lower = Float64Array.of(-1, 0, -1);
    const upper = Float64Array.of(1, 1, 1);
    const out = new Float64Array(n);
    const sigma = new GeometryStep(n, 2 * n + 1).choose(set, 2 * n, 0.1, lower, upper, out);
    expect(sigma).toBeGreaterThan(0);
    let distance = 0;
    for (let i = 0; i < n; i++) {
      expect(out[i]).toBeGreaterThanOrEqual(lower[i]);
      expect(out[i]).toBeLessThanOrEqual(upper[i]);
      distance += out[i] ** 2;
    }
    expect(Math.sqrt(distance)).toBeLessThanOrEqual(0.1 * (1 + 1e-12));
    expect(Math.sqrt(distance)).toBeGreaterThan(0);
  });

  it("finds a denominator comparable to the best of many random points in the ball", () => {
    const n = 2;
    const set = setWithFarPoint(n, 0.5, 50);
    expect(set.factor()).toBe(true);
    const out = new Float64Array(n);
    const infinite = Float64Array.of(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    const lower = infinite.map((v) => -v);
    const radius = 0.5;
    const sigma = new GeometryStep(n, 5).choose(set, 4, radius, lower, infinite, out);
    // Deterministic sample of the disc: angles and radii on a grid.
    const lagrange = new Float64Array(5);
    let bestSampled = 0;
    for (let a = 0; a < 36; a++) {
      for (const r of [0.25, 0.5, 0.75, 1]) {
        const x = Float64Array.of(
          radius * r * Math.cos((a * Math.PI) / 18),
          radius * r * Math.sin((a * Math.PI) / 18),
        );
        const beta = set.lagrangeAt(x, lagrange);
        bestSampled = Math.max(bestSampled, Math.abs(set.denominator(4, lagrange, beta)));
      }
    }
    expect(sigma).toBeGreaterThanOrEqual(0.5 * bestSampled);
    set.replace(4, out, 3);
    expect(set.factor()).toBe(true);
  });
});
