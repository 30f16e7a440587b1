import type {
  MinimizeOptionsV1,
  MinimizeResultV1,
  ObjectiveV1,
  OptimizerV1,
} from "@mixedmodels/core";
import { BoxProblem, type InitialStepChoice } from "./box-problem";
import { type ResolvedTolerances, resolveTolerances } from "./resolved-tolerances";
import { StopEvaluating } from "./stop-evaluating";

/** What an algorithm reports when it stops on its own. */
export interface AlgorithmOutcome {
  readonly status: "converged" | "failed";
  readonly message: string;
}

/**
 * An optimizer's inner loop: it starts from `problem.start`, whose value `startValue` (finite) is
 * already known, and calls `problem.evaluate`; the best point is tracked by the problem.
 */
export type Algorithm = (
  problem: BoxProblem,
  startValue: number,
  tolerances: ResolvedTolerances,
) => AlgorithmOutcome;

/**
 * The part of `minimize` shared by every optimizer here: validation, an already-aborted signal
 * (no evaluation at all), the start evaluation (status "failed" when it is not finite), a
 * problem with no free coordinate, and the translation of budget and abort stops into statuses.
 */
export function runMinimization(
  objective: ObjectiveV1,
  start: Float64Array,
  options: MinimizeOptionsV1,
  stepChoice: InitialStepChoice,
  algorithm: Algorithm,
): MinimizeResultV1 {
  const tolerances = resolveTolerances(options);
  const problem = new BoxProblem(objective, start, options, stepChoice);
  try {
    const startValue = problem.evaluate(problem.start);
    if (!Number.isFinite(startValue)) {
      const reason = problem.lastFailure || `the objective returned ${startValue}`;
      return problem.result(
        "failed",
        `cannot evaluate the objective at the start point: ${reason}`,
      );
    }
    if (problem.dimension === 0) {
      return problem.result("converged", "every coordinate is fixed by its bounds");
    }
    const outcome = algorithm(problem, startValue, tolerances);
    return problem.result(outcome.status, outcome.message);
  } catch (error) {
    if (error instanceof StopEvaluating) return problem.stoppedResult(error);
    throw error;
  }
}

/**
 * An OptimizerV1 over {@link runMinimization}: what `bobyqa`, `nelderMead` and `quasiNewton`
 * share once their settings are checked (every one handles bounds).
 */
export function boxOptimizer(
  name: string,
  usesGradient: boolean,
  stepChoice: InitialStepChoice,
  algorithm: Algorithm,
): OptimizerV1 {
  return {
    specificationVersion: "v1",
    name,
    capabilities: { bounds: true, usesGradient },
    minimize: (objective: ObjectiveV1, start: Float64Array, options: MinimizeOptionsV1 = {}) =>
      runMinimization(objective, start, options, stepChoice, algorithm),
  };
}
