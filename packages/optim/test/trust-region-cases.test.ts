import { describe, expect, it } from "vitest";
import { QuadraticModel } from "../src/bobyqa/quadratic-model";
import { TrustRegionSolver } from "../src/bobyqa/trust-region-step";

// Hand-worked trust-region subproblems for the default solver (issue 19: Stryker's survivors in
// src/bobyqa/trust-region-step.ts). Each answer is worked out by hand in the comments or checked
// against an independent search (a dense sampling of the sphere), never copied from the solver.

function modelOf(gradient: number[], hessian: number[], center?: number[]): QuadraticModel {
  const model = new QuadraticModel(gradient.length);
  model.gradient.set(gradient);
  model.hessian.set(hessian);
  if (center) model.center.set(center);
  return model;
}

const box = (values: number[]) => Float64Array.from(values);

/** gᵀd + ½dᵀGd, written out here rather than taken from QuadraticModel. */
function q(gradient: number[], hessian: number[], d: ArrayLike<number>): number {
  const n = gradient.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += gradient[i] * d[i];
    for (let j = 0; j < n; j++) sum += 0.5 * d[i] * hessian[i + n * j] * d[j];
  }
  return sum;
}

/** The least model change over the points d of the circle {fixed coordinates as in `d0`, ‖d‖ = r}. */
function circleMinimum(
  gradient: number[],
  hessian: number[],
  fixedPart: number[],
  radius: number,
): number {
  const n = fixedPart.length;
  let fixedSquared = 0;
  for (const v of fixedPart) fixedSquared += v * v;
  const free = fixedPart.map((v, i) => (v === 0 ? i : -1)).filter((i) => i >= 0);
  if (free.length !== 2) throw new Error("two free coordinates expected");
  const r = Math.sqrt(radius * radius - fixedSquared);
  const d = new Float64Array(n);
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 100_000; k++) {
    const angle = (2 * Math.PI * k) / 100_000;
    d.set(fixedPart);
    d[free[0]] = r * Math.cos(angle);
    d[free[1]] = r * Math.sin(angle);
    best = Math.min(best, q(gradient, hessian, d));
  }
  return best;
}

describe("TrustRegionSolver on hand-worked subproblems", () => {
  it("fixes a variable at the bound its CG step reaches and finishes on the others (H = I)", () => {
    // Q(d) = gᵀd + ½‖d‖², g = (−1, −0.5), box d₀ ≤ 0.25, radius 10. The first CG step along
    // −g = (1, 0.5) would go to the Newton point t = 1 but meets d₀ = 0.25 at t = 0.25, where
    // g + d = (−0.75, −0.375); with d₀ fixed, CG on d₁ goes the remaining 0.375 to d₁ = 0.5.
    // The box-constrained minimizer of this separable Q is (min(1, 0.25), 0.5).
    const model = modelOf([-1, -0.5], [1, 0, 0, 1]);
    const solver = new TrustRegionSolver(2);
    const outcome = solver.solve(model, box([-10, -10]), box([0.25, 10]), 10);
    expect(Array.from(solver.step)).toEqual([0.25, 0.5]);
    // Q = −0.25 − 0.25 + ½(0.0625 + 0.25).
    expect(outcome.predictedChange).toBe(-0.34375);
    expect(outcome.length).toBeCloseTo(Math.sqrt(0.3125), 15);
    // Every CG direction had curvature pᵀp/‖p‖² = 1.
    expect(outcome.leastCurvature).toBe(1);
  });

  it("stops on the sphere along −g when the Newton point is outside it (H = I)", () => {
    // g = (−3, −4): the Newton point −g has length 5 > Δ = 1, so the step is −g/‖g‖ = (0.6, 0.8),
    // where the gradient g + d is parallel to d (nothing to gain by rotating); Q = −5 + ½.
    const model = modelOf([-3, -4], [1, 0, 0, 1]);
    const solver = new TrustRegionSolver(2);
    const outcome = solver.solve(model, box([-10, -10]), box([10, 10]), 1);
    expect(solver.step[0]).toBeCloseTo(0.6, 15);
    expect(solver.step[1]).toBeCloseTo(0.8, 15);
    expect(outcome.predictedChange).toBeCloseTo(-4.5, 14);
    expect(outcome.leastCurvature).toBe(0);
    expect(outcome.length).toBeCloseTo(1, 15);
  });

  it("leaves at rest a variable on its bound whose gradient points out of the box", () => {
    // x = (0, 0, 0) on the lower bound of x₀ with ∂Q/∂x₀ = 1 > 0 and on the upper bound of x₂
    // with ∂Q/∂x₂ = −1 < 0: both are fixed from the start, and CG on x₁ alone takes the Newton
    // step 1/G₁₁ = 1. The only direction searched is e₁, so the least curvature is G₁₁ = 1; a
    // direction that also moved x₀ or x₂ (curvatures 0.5 and 0.25) would report less.
    const model = modelOf([1, -1, -1], [0.5, 0, 0, 0, 1, 0, 0, 0, 0.25]);
    const solver = new TrustRegionSolver(3);
    const outcome = solver.solve(model, box([0, -10, -10]), box([10, 10, 0]), 10);
    expect(Array.from(solver.step)).toEqual([0, 1, 0]);
    expect(outcome.predictedChange).toBe(-0.5);
    expect(outcome.leastCurvature).toBe(1);
  });

  it("finds the Newton step of a coupled convex 3-D model inside the region (H d = −g)", () => {
    // Three CG iterations solve the 3×3 system; checked by its residual, not by a stored answer.
    const hessian = [4, 1, 0, 1, 3, 1, 0, 1, 2];
    const gradient = [1, 2, 3];
    const model = modelOf(gradient, hessian);
    const solver = new TrustRegionSolver(3);
    const outcome = solver.solve(model, box([-10, -10, -10]), box([10, 10, 10]), 10);
    const d = solver.step;
    for (let i = 0; i < 3; i++) {
      let residual = gradient[i];
      for (let j = 0; j < 3; j++) residual += hessian[i + 3 * j] * d[j];
      expect(Math.abs(residual)).toBeLessThan(1e-12);
    }
    // Q at the Newton point is −½ gᵀG⁻¹g = ½ gᵀd.
    expect(outcome.predictedChange).toBeCloseTo(0.5 * (d[0] + 2 * d[1] + 3 * d[2]), 14);
    // The curvatures met lie between G's extreme eigenvalues (≈ 1.27 and 4.73: Gershgorin [1, 5]).
    expect(outcome.leastCurvature).toBeGreaterThanOrEqual(1);
    expect(outcome.leastCurvature).toBeLessThanOrEqual(5);
  });

  it("runs CG on the free block only when a bound holds x₀ (coupled G, hand-solved 2×2)", () => {
    // x₀ = 0 on its lower bound with ∂Q/∂x₀ = 5 > 0 stays there. On (x₁, x₂): G_ff = [3 1; 1 2],
    // g_f = (1, −2), so d_f = −G_ff⁻¹g_f = −[2 −1; −1 3](1, −2)/5 = (−0.8, 1.4). At that point
    // ∂Q/∂x₀ = 5 + 1·(−0.8) + 1·1.4 = 5.6 > 0: x₀ still wants to leave the box, so this is the
    // constrained minimizer. Q = ½ g_fᵀd_f = ½(−0.8 − 2.8) = −1.8.
    const hessian = [2, 1, 1, 1, 3, 1, 1, 1, 2];
    const model = modelOf([5, 1, -2], hessian);
    const solver = new TrustRegionSolver(3);
    const outcome = solver.solve(model, box([0, -10, -10]), box([10, 10, 10]), 10);
    expect(solver.step[0]).toBe(0);
    expect(solver.step[1]).toBeCloseTo(-0.8, 13);
    expect(solver.step[2]).toBeCloseTo(1.4, 13);
    expect(outcome.predictedChange).toBeCloseTo(-1.8, 13);
  });

  it("reports the least of the curvatures met, not the last (G = diag(1, 4))", () => {
    // g = (−4, −1): CG's first direction −g = (4, 1) has pᵀGp/pᵀp = (16 + 4)/17; the second,
    // G-conjugate to it, is ∝ (1, −1) with (1 + 4)/2 = 2.5. Two steps reach the Newton point
    // −G⁻¹g = (4, 0.25), inside the radius.
    const model = modelOf([-4, -1], [1, 0, 0, 4]);
    const solver = new TrustRegionSolver(2);
    const outcome = solver.solve(model, box([-10, -10]), box([10, 10]), 10);
    expect(solver.step[0]).toBeCloseTo(4, 13);
    expect(solver.step[1]).toBeCloseTo(0.25, 13);
    expect(outcome.leastCurvature).toBeCloseTo(20 / 17, 13);
  });

  it.each([
    ["an upper", 1],
    ["a lower", -1],
  ])(
    "stops rotating where the arc leaves the box at %s bound, staying on the sphere",
    (_, side) => {
      // G = diag(1, −2), g = (−1, −0.2·side), Δ = 1, side·x₁ ≤ 0.5 (side = −1 mirrors x₁). CG
      // reaches the sphere at −g/‖g‖ = (0.981, 0.196·side); the model falls along the arc towards
      // larger side·x₁ (the circle's minimum, near (0.31, 0.95·side), is outside the box), so the
      // rotation must stop before side·x₁ = 0.5. The best point of that arc is found here by
      // dense sampling; the solver's 24-point search (steps of π/48) must come within one step's
      // worth of it, on the sphere, never beyond it.
      const gradient = [-1, -0.2 * side];
      const hessian = [1, 0, 0, -2];
      const model = modelOf(gradient, hessian);
      const solver = new TrustRegionSolver(2);
      const lower = side > 0 ? [-10, -10] : [-10, -0.5];
      const upper = side > 0 ? [10, 0.5] : [10, 10];
      const outcome = solver.solve(model, box(lower), box(upper), 1);
      const d = solver.step;
      expect(outcome.length).toBeCloseTo(1, 12);
      expect(Math.hypot(d[0], d[1])).toBeCloseTo(1, 12);
      expect(side * d[1]).toBeLessThanOrEqual(0.5);
      const start = Math.atan2(0.2, 1);
      const end = Math.asin(0.5);
      let arcBest = 0;
      for (let k = 0; k <= 10_000; k++) {
        const angle = start + ((end - start) * k) / 10_000;
        arcBest = Math.min(
          arcBest,
          q(gradient, hessian, [Math.cos(angle), side * Math.sin(angle)]),
        );
      }
      const cgPoint = q(gradient, hessian, [Math.cos(start), side * Math.sin(start)]);
      expect(outcome.predictedChange).toBeGreaterThanOrEqual(arcBest - 1e-12);
      // Within one sample step of the arc's best: on the unit circle |dQ/dφ| ≤ ‖g‖ + ‖G‖ < 3.03,
      // and the samples are π/48 apart.
      expect(outcome.predictedChange).toBeLessThanOrEqual(arcBest + 3.03 * (Math.PI / 48));
      expect(outcome.predictedChange).toBeLessThan(cgPoint - 0.1);
    },
  );

  it("turns on the sphere to the least value of an indefinite model", () => {
    // G = diag(1, −2), g = (−1, −0.2), Δ = 1: the minimum lies on the sphere (G is indefinite);
    // CG stops there along −g and the rotations must reach the circle's minimum.
    const model = modelOf([-1, -0.2], [1, 0, 0, -2]);
    const solver = new TrustRegionSolver(2);
    const outcome = solver.solve(model, box([-10, -10]), box([10, 10]), 1);
    const best = circleMinimum([-1, -0.2], [1, 0, 0, -2], [0, 0], 1);
    expect(outcome.predictedChange).toBeCloseTo(q([-1, -0.2], [1, 0, 0, -2], solver.step), 14);
    expect(outcome.predictedChange).toBeLessThanOrEqual(best + 1e-5 * Math.abs(best));
    expect(outcome.length).toBeCloseTo(1, 14);
    expect(outcome.leastCurvature).toBe(0);
  });

  it.each([
    ["x₀, uncoupled free block", 0, [-1, -0.3, -0.2], [1, 0.5, 0.3, 0.5, -1, 0, 0.3, 0, -2]],
    ["x₀, coupled free block", 0, [-1, -0.3, 0.2], [1.5, 0.5, 0.3, 0.5, -1, 0.4, 0.3, 0.4, -2]],
    // The previous model with the coordinates renamed (x₀, x₁, x₂) → (x₂, x₀, x₁) and G₂₂ = 4.
    ["x₂, coupled free block", 2, [-0.3, 0.2, -1], [-1, 0.4, 0.5, 0.4, -2, 0.3, 0.5, 0.3, 4]],
  ])(
    "after a bound fixes one step entry at 0.25, rotates to the best point of the remaining circle (%s)",
    (_, fixed, gradient, hessian) => {
      // The first CG step reaches the upper bound 0.25 of the coordinate with the large descent;
      // on the sphere the rotations act on the other two with that one fixed, whose terms enter
      // the circle's coefficients through its row of G.
      const model = modelOf(gradient, hessian);
      const solver = new TrustRegionSolver(3);
      const upper = [10, 10, 10];
      upper[fixed] = 0.25;
      const outcome = solver.solve(model, box([-10, -10, -10]), box(upper), 1);
      expect(solver.step[fixed]).toBe(0.25);
      expect(outcome.length).toBeCloseTo(1, 14);
      const fixedPart = [0, 0, 0];
      fixedPart[fixed] = 0.25;
      const best = circleMinimum(gradient, hessian, fixedPart, 1);
      expect(outcome.predictedChange).toBeLessThanOrEqual(best + 1e-6 * Math.abs(best));
      expect(outcome.predictedChange).toBeCloseTo(q(gradient, hessian, solver.step), 14);
    },
  );
});
