import { propertySettings } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuadraticModel } from "./quadratic-model";
import { TrustRegionSolver } from "./trust-region-step";

// Two-decimal values: the property is about geometry, not about underflow at 1e-300.
const value = fc.integer({ min: -500, max: 500 }).map((k) => k / 100);
const distance = fc.integer({ min: 0, max: 200 }).map((k) => k / 100);

/** A random (possibly indefinite) model centred inside a random box, some coordinates on bounds. */
const subproblem = fc
  .record({
    n: fc.integer({ min: 1, max: 6 }),
    hessian: fc.array(value, { minLength: 36, maxLength: 36 }),
    gradient: fc.array(value, { minLength: 6, maxLength: 6 }),
    below: fc.array(distance, { minLength: 6, maxLength: 6 }),
    above: fc.array(distance, { minLength: 6, maxLength: 6 }),
    pinned: fc.array(fc.constantFrom(0, 1, 2), { minLength: 6, maxLength: 6 }),
    radius: fc.double({ min: 1e-3, max: 3, noNaN: true }),
    convex: fc.boolean(),
  })
  .map(({ n, hessian, gradient, below, above, pinned, radius, convex }) => {
    const model = new QuadraticModel(n);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i <= j; i++) {
        // Convex: BᵀB + I; otherwise the symmetric part of B.
        let entry = 0;
        if (convex) {
          for (let k = 0; k < n; k++) entry += hessian[k + i * 6] * hessian[k + j * 6];
          if (i === j) entry += 1;
        } else {
          entry = 0.5 * (hessian[i + j * 6] + hessian[j + i * 6]);
        }
        model.hessian[i + j * n] = entry;
        model.hessian[j + i * n] = entry;
      }
      model.gradient[j] = gradient[j];
      model.center[j] = 0.5 * j;
    }
    const lower = new Float64Array(n);
    const upper = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      lower[i] = model.center[i] - (pinned[i] === 1 ? 0 : below[i]);
      upper[i] = model.center[i] + (pinned[i] === 2 ? 0 : above[i]);
    }
    return { n, model, lower, upper, radius };
  });

describe("TrustRegionSolver", () => {
  it("stays in the ball and the box and does at least as well as the best feasible steepest-descent step", () => {
    fc.assert(
      fc.property(subproblem, ({ n, model, lower, upper, radius }) => {
        const solver = new TrustRegionSolver(n);
        const outcome = solver.solve(model, lower, upper, radius);
        const d = solver.step;
        let length = 0;
        for (let i = 0; i < n; i++) {
          const x = model.center[i] + d[i];
          expect(x).toBeGreaterThanOrEqual(lower[i]);
          expect(x).toBeLessThanOrEqual(upper[i]);
          length += d[i] * d[i];
        }
        length = Math.sqrt(length);
        expect(length).toBeLessThanOrEqual(radius * (1 + 1e-12));
        expect(outcome.length).toBeCloseTo(length, 12);
        expect(outcome.predictedChange).toBeCloseTo(model.change(d), 10);
        expect(outcome.predictedChange).toBeLessThanOrEqual(0);

        // Steepest descent from the centre, over the coordinates the bounds let move.
        const direction = new Float64Array(n);
        let norm = 0;
        for (let i = 0; i < n; i++) {
          const g = model.gradient[i];
          const blocked =
            (g > 0 && model.center[i] <= lower[i]) || (g < 0 && model.center[i] >= upper[i]);
          direction[i] = blocked ? 0 : -g;
          norm += direction[i] ** 2;
        }
        norm = Math.sqrt(norm);
        if (norm === 0) return;
        let limit = radius / norm;
        for (let i = 0; i < n; i++) {
          if (direction[i] > 0)
            limit = Math.min(limit, (upper[i] - model.center[i]) / direction[i]);
          if (direction[i] < 0)
            limit = Math.min(limit, (lower[i] - model.center[i]) / direction[i]);
        }
        let bestAlong = 0;
        const trial = new Float64Array(n);
        for (let k = 1; k <= 200; k++) {
          const t = (k / 200) * limit;
          for (let i = 0; i < n; i++) trial[i] = t * direction[i];
          bestAlong = Math.min(bestAlong, model.change(trial));
        }
        expect(outcome.predictedChange).toBeLessThanOrEqual(
          bestAlong + 1e-9 * Math.max(1, Math.abs(bestAlong)),
        );
      }),
      propertySettings,
    );
  });

  it("finds the Newton step of a convex model when it is inside the region", () => {
    const model = new QuadraticModel(2);
    model.hessian.set([2, 0.5, 0.5, 1]);
    model.gradient.set([-1, 0.5]);
    const solver = new TrustRegionSolver(2);
    const lower = Float64Array.of(-10, -10);
    const upper = Float64Array.of(10, 10);
    const outcome = solver.solve(model, lower, upper, 5);
    // G⁻¹(−g) for G = [2 0.5; 0.5 1], g = (−1, 0.5).
    const determinant = 2 - 0.25;
    expect(solver.step[0]).toBeCloseTo((1 * 1 - 0.5 * -0.5) / determinant, 10);
    expect(solver.step[1]).toBeCloseTo((2 * -0.5 - 0.5 * 1) / determinant, 10);
    expect(outcome.leastCurvature).toBeGreaterThan(0);
  });

  it("walks along the sphere for a concave model and reports zero curvature", () => {
    const model = new QuadraticModel(2);
    model.hessian.set([-1, 0, 0, -4]);
    model.gradient.set([0.1, 0.1]);
    const solver = new TrustRegionSolver(2);
    const outcome = solver.solve(model, Float64Array.of(-9, -9), Float64Array.of(9, 9), 1);
    expect(outcome.length).toBeCloseTo(1, 10);
    expect(outcome.leastCurvature).toBe(0);
    // The most negative curvature is along the second axis: the step should turn towards it.
    expect(Math.abs(solver.step[1])).toBeGreaterThan(0.95);
  });
});
