import type {
  MinimizeOptionsV1,
  MinimizeResultV1,
  ObjectiveV1,
  OptimizerV1,
} from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import {
  quadraticGradient,
  quadraticMinimizer,
  quadraticValue,
  rosenbrock,
  rosenbrockGradient,
  sampleQuadratics,
  sphereAround,
  sphereGradient,
} from "./conformance-problems";
import { expectClose } from "./tolerance";

/** Knobs for {@link describeOptimizerConformance}. */
export interface OptimizerConformanceOptions {
  /** Dimensions of the random convex quadratics (default [1, 2, 3, 5]). */
  readonly dimensions?: readonly number[];
  /** How many random quadratics per dimension (default 3). */
  readonly quadraticsPerDimension?: number;
  /** Absolute tolerance on the minimizer of a quadratic (default 1e-5). */
  readonly minimizerTolerance?: number;
  /** Extra options passed to every `minimize` call of the accuracy tests (default none). */
  readonly minimizeOptions?: MinimizeOptionsV1;
  /**
   * How far above the lowest value seen the result's value may be, relative to max(1, |f|)
   * (default 0: the result is the best point seen). A gradient method that trusts its last
   * iterate over values lower only by rounding noise sets its noise level here.
   */
  readonly resultNoise?: number;
}

/** Wraps f so that every call is counted and checked against the bounds. */
function recordingObjective(
  dimension: number,
  f: (theta: Float64Array) => number,
  bounds?: { lower: Float64Array; upper: Float64Array },
  gradient?: (theta: Float64Array, out: Float64Array) => void,
): { objective: ObjectiveV1; calls: () => number; outOfBounds: () => number; best: () => number } {
  let calls = 0;
  let outOfBounds = 0;
  let best = Number.POSITIVE_INFINITY;
  const objective: ObjectiveV1 = {
    dimension,
    value(theta) {
      calls++;
      if (theta.length !== dimension) throw new Error(`theta has length ${theta.length}`);
      if (bounds) {
        for (let i = 0; i < dimension; i++) {
          if (!(theta[i] >= bounds.lower[i] && theta[i] <= bounds.upper[i])) outOfBounds++;
        }
      }
      const value = f(theta);
      if (value < best) best = value;
      return value;
    },
    ...(gradient === undefined ? {} : { gradient }),
  };
  return { objective, calls: () => calls, outOfBounds: () => outOfBounds, best: () => best };
}

function expectWellFormed(result: MinimizeResultV1, dimension: number): void {
  expect(result.theta).toBeInstanceOf(Float64Array);
  expect(result.theta.length).toBe(dimension);
  expect(["converged", "maxEvaluations", "aborted", "failed"]).toContain(result.status);
  expect(typeof result.message).toBe("string");
}

/**
 * Registers a vitest `describe` block checking that the optimizer made by `factory` meets the
 * OptimizerV1 contract: it minimizes random SPD quadratics ½θᵀHθ − bᵀθ to H⁻¹b, never evaluates
 * outside the bounds (also from a start on a bound), reports evaluation counts truthfully, calls
 * onEvaluation once per evaluation, leaves `start` untouched, honours an AbortSignal (already
 * aborted, or aborted from onEvaluation), survives NaN, Infinity and throwing objectives, fails
 * cleanly when the start point cannot be evaluated, and respects maxEvaluations. The bound tests
 * are skipped for an optimizer whose `capabilities.bounds` is false. Call it at the top level of
 * a test file.
 */
export function describeOptimizerConformance(
  name: string,
  factory: () => OptimizerV1,
  options: OptimizerConformanceOptions = {},
): void {
  const dimensions = options.dimensions ?? [1, 2, 3, 5];
  const perDimension = options.quadraticsPerDimension ?? 3;
  const tolerance = options.minimizerTolerance ?? 1e-5;
  const extra = options.minimizeOptions ?? {};
  // An optimizer that declares no bound support is not asked to respect bounds.
  const withoutBounds = !factory().capabilities.bounds;
  // Analytic gradients go only to an optimizer that uses them: the others must do without.
  const usesGradient = factory().capabilities.usesGradient;
  const gradientFor = <G>(gradient: G): G | undefined => (usesGradient ? gradient : undefined);
  const noise = options.resultNoise ?? 0;
  const expectValueIsBest = (value: number, best: number) => {
    if (noise === 0) expect(value).toBe(best);
    else expect(value - best).toBeLessThanOrEqual(noise * Math.max(1, Math.abs(best)));
  };

  describe(`OptimizerV1 conformance: ${name}`, () => {
    it("declares the v1 specification", () => {
      const optimizer = factory();
      expect(optimizer.specificationVersion).toBe("v1");
      expect(typeof optimizer.name).toBe("string");
      expect(typeof optimizer.capabilities.bounds).toBe("boolean");
    });

    for (const n of dimensions) {
      it(`minimizes random convex quadratics in ${n} dimension(s) to H⁻¹b`, () => {
        for (const q of sampleQuadratics(n, perDimension)) {
          const expected = quadraticMinimizer(q);
          const recorder = recordingObjective(
            n,
            (theta) => quadraticValue(q, theta),
            undefined,
            gradientFor((theta: Float64Array, out: Float64Array) =>
              quadraticGradient(q, theta, out),
            ),
          );
          const result = factory().minimize(recorder.objective, new Float64Array(n), extra);
          expectWellFormed(result, n);
          expect(result.status).toBe("converged");
          expectClose(result.theta, expected, { atol: tolerance, rtol: 0 });
          expect(result.value).toBe(quadraticValue(q, result.theta));
          expectValueIsBest(result.value, recorder.best());
        }
      });
    }

    it.skipIf(withoutBounds)(
      "never evaluates outside the bounds, also from a start on a bound",
      () => {
        // Optimum (−1, 0.5, 3) lies outside the box in two coordinates: the answer is on the bounds.
        const lower = Float64Array.of(0, 0, Number.NEGATIVE_INFINITY);
        const upper = Float64Array.of(2, Number.POSITIVE_INFINITY, 1);
        const center = [-1, 0.5, 3];
        for (const start of [
          Float64Array.of(0, 0, 1),
          Float64Array.of(2, 0, 0),
          Float64Array.of(1, 1, 0.5),
        ]) {
          const recorder = recordingObjective(
            3,
            sphereAround(center),
            { lower, upper },
            gradientFor(sphereGradient(center)),
          );
          const result = factory().minimize(recorder.objective, start, {
            ...extra,
            bounds: { lower, upper },
          });
          expectWellFormed(result, 3);
          expect(recorder.outOfBounds()).toBe(0);
          expectClose(result.theta, [0, 0.5, 1], { atol: 1e-4, rtol: 0 });
        }
      },
    );

    it.skipIf(withoutBounds)(
      "keeps a coupled quadratic's iterates inside a box around a start on its corner",
      () => {
        const [q] = sampleQuadratics(4, 1);
        const lower = new Float64Array(4).fill(0);
        const upper = new Float64Array(4).fill(0.25);
        const recorder = recordingObjective(
          4,
          (theta) => quadraticValue(q, theta),
          { lower, upper },
          gradientFor((theta: Float64Array, out: Float64Array) => quadraticGradient(q, theta, out)),
        );
        const result = factory().minimize(recorder.objective, new Float64Array(4), {
          ...extra,
          bounds: { lower, upper },
        });
        expect(recorder.outOfBounds()).toBe(0);
        expect(result.value).toBeLessThanOrEqual(0);
      },
    );

    it("counts evaluations truthfully and calls onEvaluation after each one", () => {
      const recorder = recordingObjective(
        2,
        sphereAround([0.3, -0.7]),
        undefined,
        gradientFor(sphereGradient([0.3, -0.7])),
      );
      const seen: number[] = [];
      const result = factory().minimize(recorder.objective, Float64Array.of(1, 1), {
        ...extra,
        onEvaluation: (theta, value) => {
          expect(theta.length).toBe(2);
          seen.push(value);
        },
      });
      expect(result.evaluations).toBe(recorder.calls());
      expect(seen.length).toBe(recorder.calls());
      expectValueIsBest(result.value, Math.min(...seen));
    });

    it("does not mutate start", () => {
      const start = Float64Array.of(2, -1, 0.5);
      const copy = Float64Array.from(start);
      const recorder = recordingObjective(
        3,
        sphereAround([0, 0, 0]),
        undefined,
        gradientFor(sphereGradient([0, 0, 0])),
      );
      factory().minimize(recorder.objective, start, extra);
      expect(Array.from(start)).toEqual(Array.from(copy));
    });

    it("returns at once, without evaluating, when the signal is already aborted", () => {
      const controller = new AbortController();
      controller.abort();
      const recorder = recordingObjective(2, sphereAround([0, 0]));
      const result = factory().minimize(recorder.objective, Float64Array.of(1, 1), {
        ...extra,
        signal: controller.signal,
      });
      expect(result.status).toBe("aborted");
      expect(recorder.calls()).toBe(0);
      expect(result.evaluations).toBe(0);
    });

    it("stops right after the evaluation during which the signal was aborted", () => {
      for (const k of [1, 3, 7]) {
        const controller = new AbortController();
        // Rosenbrock's valley: no method is done within 7 evaluations.
        const recorder = recordingObjective(
          2,
          rosenbrock,
          undefined,
          gradientFor(rosenbrockGradient),
        );
        let count = 0;
        const result = factory().minimize(recorder.objective, Float64Array.of(3, 3), {
          ...extra,
          signal: controller.signal,
          onEvaluation: () => {
            count++;
            if (count === k) controller.abort();
          },
        });
        expect(result.status).toBe("aborted");
        expect(recorder.calls()).toBe(k);
        expect(result.evaluations).toBe(k);
        expectValueIsBest(result.value, recorder.best());
      }
    });

    it("survives NaN, Infinity and exceptions at trial points", () => {
      // Minimum at (1, 1); NaN, +Infinity and a throw in three regions the search may visit.
      const recorder = recordingObjective(
        2,
        (theta) => {
          if (theta[0] > 2.5) return Number.NaN;
          if (theta[1] > 2.5) return Number.POSITIVE_INFINITY;
          if (theta[0] < -1) throw new Error("cannot evaluate here");
          return (theta[0] - 1) ** 2 + 2 * (theta[1] - 1) ** 2;
        },
        undefined,
        gradientFor((theta: Float64Array, out: Float64Array) => {
          out[0] = 2 * (theta[0] - 1);
          out[1] = 4 * (theta[1] - 1);
        }),
      );
      const result = factory().minimize(recorder.objective, Float64Array.of(2.4, 2.4), {
        ...extra,
        initialStep: 1,
      });
      expect(result.status).not.toBe("failed");
      expect(Number.isFinite(result.value)).toBe(true);
      expectClose(result.theta, [1, 1], { atol: 1e-3, rtol: 0 });
      expect(result.evaluations).toBe(recorder.calls());
    });

    it("returns status failed with a message when the start point cannot be evaluated", () => {
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, "throw"] as const) {
        const recorder = recordingObjective(2, () => {
          if (bad === "throw") throw new Error("boom");
          return bad;
        });
        const result = factory().minimize(recorder.objective, Float64Array.of(1, 1), extra);
        expect(result.status).toBe("failed");
        expect(result.message.length).toBeGreaterThan(0);
        expect(result.evaluations).toBe(recorder.calls());
      }
    });

    it("stops at maxEvaluations", () => {
      // Rosenbrock's valley from far away: no method gets there in 12 evaluations.
      const recorder = recordingObjective(
        3,
        (theta) => rosenbrock(Float64Array.of(theta[0] - 10, theta[1] + 10, theta[2] - 5)),
        undefined,
        gradientFor((theta: Float64Array, out: Float64Array) =>
          rosenbrockGradient(Float64Array.of(theta[0] - 10, theta[1] + 10, theta[2] - 5), out),
        ),
      );
      const result = factory().minimize(recorder.objective, Float64Array.of(0, 0, 0), {
        ...extra,
        maxEvaluations: 12,
        initialStep: 0.01,
      });
      expect(recorder.calls()).toBeLessThanOrEqual(12);
      expect(result.evaluations).toBe(recorder.calls());
      expect(result.status).toBe("maxEvaluations");
      expectValueIsBest(result.value, recorder.best());
    });
  });
}
