import { describe, expect, it } from "vitest";
import { InterpolationSet } from "../src/bobyqa/interpolation-set";
import { inverseError } from "./helpers/interpolation-kkt";

// Hand-worked cases for the mutants of src/bobyqa/interpolation-set.ts that survived Stryker's
// first run (issue 19; the run and the classification are in packages/optim/README.md): the
// slot `replace` writes, the tie rule of `best` when the incumbent is not the first least, the
// scale of a tiny set whose best point is neither slot 0 nor the origin, the scale as the
// correctly rounded farthest distance, an exchange with τ = ℓ_t(x) = 0 exactly, and the value
// `refactor` returns when it rebuilds.

/** A 2-D set of five points (given as rows) with the given values and best slot. */
function setOf(points: number[][], values: number[], best: number): InterpolationSet {
  const set = new InterpolationSet(2, 5);
  points.forEach((p, k) => {
    set.points.set(p, k * 2);
  });
  set.values.set(values);
  set.best = best;
  return set;
}

const AXIS = [
  [0, 0],
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
];

describe("InterpolationSet: cases for Stryker's survivors", () => {
  it("replace writes its own slot only", () => {
    const set = setOf(AXIS, [0, 1, 2, 3, 4], 0);
    set.replace(1, Float64Array.of(7, 8), 5);
    expect(Array.from(set.points)).toEqual([0, 0, 7, 8, 0, 1, -1, 0, 0, -1]);
    expect(Array.from(set.values)).toEqual([0, 5, 2, 3, 4]);
  });

  it("keeps an incumbent best that is not the first least on a tie (replace and exchange)", () => {
    // Values 1, 2, 3, 0, 4 with best = slot 3; slot 1 gets the value 0 too: a tie, not strictly
    // better, so slot 3 stays best although slot 1 is now the first least.
    const set = setOf(AXIS, [1, 2, 3, 0, 4], 3);
    set.replace(1, Float64Array.of(2, 2), 0);
    expect(set.best).toBe(3);
    // The same rule in an exchange: best = slot 2 (value 0); slot 1 exchanged with the value 0.
    const other = setOf(AXIS, [3, 1, 0, 2, 4], 2);
    expect(other.factor()).toBe(true);
    expect(other.exchange(1, Float64Array.of(0.5, 0.5), 0)).toBe(true);
    expect(other.best).toBe(2);
  });

  it("scales a tiny set about a best point that is neither slot 0 nor the origin", () => {
    // h = 2^-532: every coordinate and difference below is exact, and the squared distances
    // (at most 4h² = 2^-1062) are far below 1e-280, so the rescaled computation is used.
    // Best: slot 2 at (h, h); the others at (0, 0), (2h, h), (h, 3h), (0, h): distances √2·h,
    // h, 2h and h, so the farthest is (h, 3h) and the scale is exactly 2h.
    const h = 2 ** -532;
    const set = setOf(
      [
        [0, 0],
        [2 * h, h],
        [h, h],
        [h, 3 * h],
        [0, h],
      ],
      [1, 2, 0, 3, 4],
      2,
    );
    expect(set.factor()).toBe(true);
    expect(set.scale).toBe(2 * h);
    expect(Array.from(set.origin)).toEqual([h, h]);
    // Displacements (y_k − (h, h))/2h.
    expect(Array.from(set.displacements)).toEqual([-0.5, -0.5, 0.5, 0, 0, 0, 0, 1, -0.5, 0]);
    expect(inverseError(set)).toBeLessThan(1e-12);
  });

  it("takes the scale as the farthest distance, correctly rounded: √26 for (1, 5)", () => {
    // The axis set turned by atan(5): (1, 5), (−5, 1), (−1, −5), (5, −1) about the best point
    // (0, 0), all at distance √26. 26 is exact, so the scale is the double nearest √26, which
    // IEEE sqrt gives (5·√(0.2² + 1), the rescaled form meant for sets too small to square, is
    // a different double).
    const set = setOf(
      [
        [0, 0],
        [1, 5],
        [-5, 1],
        [-1, -5],
        [5, -1],
      ],
      [0, 1, 2, 3, 4],
      0,
    );
    expect(set.factor()).toBe(true);
    expect(set.scale).toBe(Math.sqrt(26));
    expect(inverseError(set)).toBeLessThan(1e-12);
  });

  it("exchanges a point with τ = ℓ_t(x) = 0 exactly (σ = αβ, no cancellation)", () => {
    // Axis set of step 1 about 0. Its Lagrange functions, of least Hessian Frobenius norm (the
    // only quadratic vanishing at all five points is c·xy, so each has no xy term):
    // ℓ_0 = 1 − x² − y², ℓ_1 = (x + x²)/2, ℓ_2 = (y + y²)/2, ℓ_3 = (x² − x)/2, ℓ_4 = (y² − y)/2.
    // At x = (−1, 0.5): −0.25, 0, 0.375, 1, −0.125. Replacing slot 1 by it: τ = ℓ_1(x) = 0.
    const set = setOf(AXIS, [0, 1, 2, 3, 4], 0);
    expect(set.factor()).toBe(true);
    const x = Float64Array.of(-1, 0.5);
    const lagrange = new Float64Array(5);
    const beta = set.lagrangeAt(x, lagrange);
    expect(Array.from(lagrange)).toEqual([-0.25, 0, 0.375, 1, -0.125]);
    expect(beta).toBeGreaterThan(0);
    expect(set.exchange(1, x, 5)).toBe(true);
    expect(Array.from(set.points.subarray(2, 4))).toEqual([-1, 0.5]);
    expect(set.exchangesSinceFactor).toBe(1);
    expect(inverseError(set)).toBeLessThan(1e-12);
  });

  it("refactor returns true when it rebuilds, with the new best point as origin", () => {
    const set = setOf(AXIS, [0, 1, 2, 3, 4], 0);
    expect(set.factor()).toBe(true);
    set.values.set([5, 1, 2, 3, 4]);
    set.best = 1;
    expect(set.refactor()).toBe(true);
    expect(Array.from(set.origin)).toEqual([1, 0]);
    // The farthest point from (1, 0) is (−1, 0), at distance 2.
    expect(set.scale).toBe(2);
    expect(inverseError(set)).toBeLessThan(1e-12);
  });
});
