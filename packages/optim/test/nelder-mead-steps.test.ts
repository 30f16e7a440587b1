import type { MinimizeOptionsV1 } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { nelderMead } from "../src/index";

/*
 * Traces of Nelder–Mead's first evaluations, worked out by hand, where one coefficient or one
 * branch decides the next point (issue 19: mutation testing found the expansion coefficient for
 * n > 2, every coefficient for n = 1, the step onto a bound and the restart count untested).
 * Coefficients (Gao and Han 2012): for n ≤ 2 the classical reflection 1, expansion 2, contraction
 * ½, shrink ½; for n > 2 expansion 1 + 2/n, contraction ¾ − 1/(2n), shrink 1 − 1/n. For n = 1 the
 * adaptive ones would be 3, ¼ and 0, so n = 1 shows whether the classical ones are used.
 * Evaluation 1 is the start, evaluations 2..n+1 the simplex's other vertices, start + step·eᵢ.
 */
function trace(
  dimension: number,
  value: (x: Float64Array) => number,
  start: number[],
  evaluations: number,
  options: MinimizeOptionsV1 = {},
): number[][] {
  const points: number[][] = [];
  nelderMead().minimize({ dimension, value }, Float64Array.from(start), {
    initialStep: 1,
    maxEvaluations: evaluations,
    onEvaluation: (theta) => points.push(Array.from(theta)),
    ...options,
  });
  return points;
}

function expectPoints(actual: number[][], expected: number[][]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((point, k) => {
    point.forEach((coordinate, i) => {
      expect(actual[k][i]).toBeCloseTo(coordinate, 14);
    });
  });
}

describe("Nelder–Mead's coefficients", () => {
  it("n = 1 expands by 2: from 0 and 1 on (x − 10)², the reflection 2 then the expansion 3", () => {
    // f(0) = 100, f(1) = 81: best 1, centroid 1; reflection 1 − (0 − 1) = 2, f = 64 < 81, so
    // expand: 1 + 2·(2 − 1) = 3 (the adaptive 3 would give 4).
    expectPoints(
      trace(1, (x) => (x[0] - 10) ** 2, [0], 4),
      [[0], [1], [2], [3]],
    );
  });

  it("n = 1 contracts by ½: on (x − 0.3)², the inside contraction is 0.5", () => {
    // f(0) = 0.09, f(1) = 0.49: best 0; reflection −1, f = 1.69 ≥ f(worst), so contract inside:
    // 0 + ½·(1 − 0) = 0.5 (the adaptive ¼ would give 0.25).
    expectPoints(
      trace(1, (x) => (x[0] - 0.3) ** 2, [0], 4),
      [[0], [1], [-1], [0.5]],
    );
  });

  it("n = 1 shrinks by ½: a spike at the contraction point forces the shrink to 0.5", () => {
    // As above, but f(0.5) ≈ 10 ≥ f(worst) = 0.49 rejects the contraction; the shrink moves the
    // worst vertex to 0 + ½·(1 − 0) = 0.5 (the adaptive 0 would put it on the best vertex, 0).
    const spiked = (x: Float64Array) =>
      (x[0] - 0.3) ** 2 + 10 * Math.exp(-(((x[0] - 0.5) / 0.01) ** 2));
    expectPoints(trace(1, spiked, [0], 5), [[0], [1], [-1], [0.5], [0.5]]);
  });

  it("n = 3 expands by 1 + 2/3: on Σ(xᵢ − 5)² the expansion is 8/9 per coordinate", () => {
    // f(0) = 75, f(eᵢ) = 66: worst 0, centroid of e₁, e₂, e₃ = (⅓, ⅓, ⅓); reflection (⅔, ⅔, ⅔),
    // f = 56⅓ < 66, so expand: ⅓ + (5/3)·⅓ = 8/9 (the classical 2 would give 1).
    const third = 1 / 3;
    expectPoints(
      trace(3, (x) => (x[0] - 5) ** 2 + (x[1] - 5) ** 2 + (x[2] - 5) ** 2, [0, 0, 0], 6),
      [
        [0, 0, 0],
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
        [2 * third, 2 * third, 2 * third],
        [8 / 9, 8 / 9, 8 / 9],
      ],
    );
  });
});

describe("Nelder–Mead's initial simplex and restarts", () => {
  it("steps up onto an upper bound that is exactly one step away", () => {
    // Start 0 in [−1, 1] with step 1: 0 + 1 ≤ 1, so the second vertex is the bound 1, not −1.
    const points = trace(1, (x) => (x[0] - 0.5) ** 2, [0], 2, {
      bounds: { lower: Float64Array.of(-1), upper: Float64Array.of(1) },
    });
    expectPoints(points, [[0], [1]]);
  });

  it("restarts exactly as many times as allowed", () => {
    // A fresh simplex shows in the trace as n = 2 evaluations at best + step·e₁, best + step·e₂
    // (best: the best point evaluated so far); the first is the initial simplex. On Rosenbrock
    // with minSimplexSize 1e-2 the rounds end early, so every restart still improves f and the
    // run with r ≤ 2 restarts allowed makes exactly r (a third would no longer improve).
    const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const freshSimplices = (restarts: number) => {
      const points: number[][] = [];
      const values: number[] = [];
      const result = nelderMead({ minSimplexSize: 1e-2, restarts }).minimize(
        { dimension: 2, value: rosenbrock },
        Float64Array.of(-1.2, 1),
        {
          initialStep: 0.5,
          onEvaluation: (theta, value) => {
            points.push(Array.from(theta));
            values.push(value);
          },
        },
      );
      expect(result.status).toBe("converged");
      expect(result.message).toBe("the simplex shrank below minSimplexSize");
      let count = 0;
      for (let k = 1; k + 1 < points.length; k++) {
        const best = points[values.slice(0, k).indexOf(Math.min(...values.slice(0, k)))];
        const [p, q] = [points[k], points[k + 1]];
        const step = p[0] - best[0];
        if (
          step !== 0 &&
          p[1] === best[1] &&
          q[0] === best[0] &&
          Math.abs(q[1] - best[1] - step) <= 1e-12 * Math.abs(step)
        )
          count++;
      }
      return count - 1;
    };
    expect([0, 1, 2].map(freshSimplices)).toEqual([0, 1, 2]);
  });
});
