import type {
  MinimizeOptionsV1,
  MinimizeResultV1,
  ObjectiveV1,
  OptimizerV1,
} from "@mixedmodels/core";

/**
 * A deliberately simple third-party optimizer (compass search: try ±step along each axis, halve
 * the step when nothing improves), written only against the OptimizerV1 contract, to check that
 * the conformance suite accepts a correct optimizer that shares no code with @mixedmodels/optim.
 */
export function compassSearch(): OptimizerV1 {
  return {
    specificationVersion: "v1",
    name: "compass-search",
    capabilities: { bounds: true, usesGradient: false },
    minimize(
      objective: ObjectiveV1,
      start: Float64Array,
      options: MinimizeOptionsV1 = {},
    ): MinimizeResultV1 {
      const n = objective.dimension;
      const lower = options.bounds?.lower ?? new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
      const upper = options.bounds?.upper ?? new Float64Array(n).fill(Number.POSITIVE_INFINITY);
      const budget = options.maxEvaluations ?? 100_000;
      const x = start.map((v, i) => Math.min(Math.max(v, lower[i]), upper[i]));
      let evaluations = 0;
      const finish = (
        value: number,
        status: MinimizeResultV1["status"],
        message: string,
      ): MinimizeResultV1 => ({
        theta: x,
        value,
        evaluations,
        status,
        message,
      });
      const evaluate = (point: Float64Array): number => {
        evaluations++;
        let value: number;
        try {
          value = objective.value(point);
        } catch {
          value = Number.POSITIVE_INFINITY;
        }
        if (Number.isNaN(value)) value = Number.POSITIVE_INFINITY;
        options.onEvaluation?.(Float64Array.from(point), value);
        return value;
      };
      if (options.signal?.aborted) return finish(Number.NaN, "aborted", "aborted before the start");
      if (budget < 1) return finish(Number.NaN, "maxEvaluations", "no evaluations allowed");
      let best = evaluate(x);
      if (!Number.isFinite(best))
        return finish(best, "failed", "the start point cannot be evaluated");
      let step = typeof options.initialStep === "number" ? options.initialStep : 0.5;
      const trial = new Float64Array(n);
      while (step > 1e-9) {
        let improved = false;
        for (let i = 0; i < n && !improved; i++) {
          for (const sign of [1, -1]) {
            if (options.signal?.aborted) return finish(best, "aborted", "aborted");
            if (evaluations >= budget) return finish(best, "maxEvaluations", "budget spent");
            trial.set(x);
            trial[i] = Math.min(Math.max(x[i] + sign * step, lower[i]), upper[i]);
            if (trial[i] === x[i]) continue;
            const value = evaluate(trial);
            if (value < best) {
              best = value;
              x.set(trial);
              improved = true;
              break;
            }
          }
        }
        if (!improved) step /= 2;
      }
      return finish(best, "converged", "the step fell below 1e-9");
    },
  };
}
