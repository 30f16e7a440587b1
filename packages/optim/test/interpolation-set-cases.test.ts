import { describe, expect, it } from "vitest";
import { InterpolationSet } from "../src/bobyqa/interpolation-set";
import { inverseError } from "./helpers/interpolation-kkt";

// Hand-worked cases for InterpolationSet's bookkeeping (issue 19: Stryker's survivors in
// src/bobyqa/interpolation-set.ts); its algebra (H = W⁻¹, Lagrange functions, Powell's update)
// has the property tests in src/bobyqa/interpolation-set.prop.test.ts.

/** The 2n+1 = 5 axis points of step h about (cx, cy), values 0, 1, 2, 3, 4 (best: slot 0). */
function axisSet(h: number, cx = 0, cy = 0): InterpolationSet {
  const set = new InterpolationSet(2, 5);
  const points = [
    [cx, cy],
    [cx + h, cy],
    [cx, cy + h],
    [cx - h, cy],
    [cx, cy - h],
  ];
  points.forEach((p, k) => {
    set.points.set(p, k * 2);
  });
  set.values.set([0, 1, 2, 3, 4]);
  set.best = 0;
  return set;
}

describe("InterpolationSet bookkeeping", () => {
  it("finds exact members only, and measures squared distances from the best point", () => {
    const set = axisSet(0.5, 1, 2);
    expect(set.contains(Float64Array.of(1.5, 2))).toBe(true);
    expect(set.contains(Float64Array.of(1, 1.5))).toBe(true);
    expect(set.contains(Float64Array.of(1.5, 2 + 1e-15))).toBe(false);
    expect(set.contains(Float64Array.of(1.5, 1.5))).toBe(false);
    expect(set.distanceSquaredFromBest(3)).toBe(0.25);
    expect(set.distanceSquaredFromBest(0)).toBe(0);
    set.best = 1;
    // From (1.5, 2) to (1, 2.5): 0.25 + 0.25.
    expect(set.distanceSquaredFromBest(2)).toBe(0.5);
    const out = new Float64Array(2);
    set.copyBest(out);
    expect(Array.from(out)).toEqual([1.5, 2]);
  });

  it("keeps `best` on the least value: a strictly better point wins, a worse best hands over to the first least", () => {
    const set = axisSet(1);
    set.values.set([0, 1, 0.5, 0.5, 4]);
    set.replace(4, Float64Array.of(7, 7), 0); // ties the best: the incumbent stays
    expect(set.best).toBe(0);
    set.replace(3, Float64Array.of(8, 8), -1); // strictly better
    expect(set.best).toBe(3);
    expect(Array.from(set.points.subarray(6, 8))).toEqual([8, 8]);
    expect(set.values[3]).toBe(-1);
    set.replace(3, Float64Array.of(9, 9), 5); // the best got worse: least of 0, 1, 0.5, 5, 0 is slot 0
    expect(set.best).toBe(0);
    set.replace(0, Float64Array.of(9, 8), 2); // again: now 2, 1, 0.5, 5, 0: slot 4
    expect(set.best).toBe(4);
  });

  it("builds H about the best point with the farthest distance as scale", () => {
    const set = axisSet(0.5, 1, 2);
    set.values.set([3, 1, 2, 4, 5]);
    set.best = 1; // (1.5, 2); the farthest point is (0.5, 2), at distance 1
    expect(set.factor()).toBe(true);
    expect(Array.from(set.origin)).toEqual([1.5, 2]);
    expect(set.scale).toBe(1);
    expect(set.exchangesSinceFactor).toBe(0);
    // Displacements (y_k − origin)/scale.
    expect(Array.from(set.displacements)).toEqual([-0.5, 0, 0, 0, -0.5, 0.5, -1, 0, -0.5, -0.5]);
    expect(inverseError(set)).toBeLessThan(1e-12);
    expect(set.bestDriftSquared()).toBe(0);
  });

  it("scales a set too small to square without underflow by its farthest distance", () => {
    // Distances ~1e-160 square to ~1e-320, below the normal range: the scale comes from the
    // rescaled computation, still the farthest distance (√2·1e-160 for the diagonal pair).
    const h = 1e-160;
    const set = new InterpolationSet(2, 5);
    const points = [
      [0, 0],
      [h, 0],
      [0, h],
      [-h, 0],
      [h, h],
    ];
    points.forEach((p, k) => {
      set.points.set(p, k * 2);
    });
    set.values.set([0, 1, 2, 3, 4]);
    set.best = 0;
    expect(set.factor()).toBe(true);
    expect(set.scale).toBeCloseTo(Math.SQRT2 * h, 175);
    expect(set.scale / (Math.SQRT2 * h)).toBeCloseTo(1, 14);
    expect(inverseError(set)).toBeLessThan(1e-10);
  });

  it("reports a set of coincident points as singular, and refactor keeps the old frame then", () => {
    const set = axisSet(0.25);
    expect(set.factor()).toBe(true);
    const inverse = Float64Array.from(set.inverse);
    const displacements = Float64Array.from(set.displacements);
    const scale = set.scale;
    // Every point on the x axis: P's second row is zero, W is singular.
    [
      [0, 0],
      [0.25, 0],
      [0.5, 0],
      [-0.25, 0],
      [-0.5, 0],
    ].forEach((p, k) => {
      set.points.set(p, k * 2);
    });
    set.best = 1;
    expect(set.refactor()).toBe(false);
    expect(Array.from(set.inverse)).toEqual(Array.from(inverse));
    expect(Array.from(set.displacements)).toEqual(Array.from(displacements));
    expect(Array.from(set.origin)).toEqual([0, 0]);
    expect(set.scale).toBe(scale);
    // All points equal: no scale at all.
    set.points.fill(3);
    expect(set.factor()).toBe(false);
  });

  it("after an exchange: counts it, moves `best`, measures the drift and the update error", () => {
    const set = axisSet(1);
    expect(set.factor()).toBe(true);
    // Replace (−1, 0) (slot 3) by (0.5, 0.5) with the new least value.
    expect(set.exchange(3, Float64Array.of(0.5, 0.5), -1)).toBe(true);
    expect(set.exchangesSinceFactor).toBe(1);
    expect(set.best).toBe(3);
    expect(Array.from(set.points.subarray(6, 8))).toEqual([0.5, 0.5]);
    expect(Array.from(set.displacements.subarray(6, 8))).toEqual([0.5, 0.5]);
    // Drift of the new best from the frame's origin (0, 0), in units of the scale 1.
    expect(set.bestDriftSquared()).toBe(0.5);
    // The updated H is W⁻¹ of the new set to rounding, and the newest column says so.
    expect(inverseError(set)).toBeLessThan(1e-12);
    expect(set.lastExchangeError(3)).toBeLessThan(1e-12);
    // A corrupted H shows in that column's error: H e_t is scaled, so (H w_t − e_t)_t moves.
    for (let r = 0; r < set.m; r++) set.inverse[r + 3 * set.m] *= 1.5;
    expect(set.lastExchangeError(3)).toBeGreaterThan(1e-3);
    // A worse value in the best slot hands `best` to the least of the rest (slot 0, value 0).
    expect(set.factor()).toBe(true);
    expect(set.exchange(3, Float64Array.of(0.5, -0.5), 10)).toBe(true);
    expect(set.best).toBe(0);
  });

  it("refuses an exchange whose denominator vanishes, changing nothing", () => {
    const set = axisSet(1);
    expect(set.factor()).toBe(true);
    const inverse = Float64Array.from(set.inverse);
    // Slot 1's (1, 0) replaced by (−1, 0), a copy of slot 3: two equal points, W singular, σ = 0.
    expect(set.exchange(1, Float64Array.of(-1, 0), 5)).toBe(false);
    expect(Array.from(set.inverse)).toEqual(Array.from(inverse));
    expect(Array.from(set.points.subarray(2, 4))).toEqual([1, 0]);
    expect(set.values[1]).toBe(1);
    expect(set.exchangesSinceFactor).toBe(0);
  });
});
