import { ModelError, type OptimizerV1 } from "@mixedmodels/core";
import { boxOptimizer } from "./common/run-minimization";
import { nelderMeadAlgorithm } from "./nelder-mead/nelder-mead-algorithm";

/** Settings of {@link nelderMead}; every field is optional. */
export interface NelderMeadSettings {
  /**
   * Initial simplex edge, the same for every coordinate. Default: the call's `initialStep`, else
   * NLopt's heuristic per coordinate (with rescaling), capped at half of a finite box width.
   */
  readonly initialStep?: number;
  /** Converged when every vertex is within this of the best, per coordinate (θ units). Default 1e-8. */
  readonly minSimplexSize?: number;
  /** Fresh simplices around the best point after convergence (default 2). */
  readonly restarts?: number;
}

/**
 * The Nelder–Mead simplex method with bounds by projection onto the box (trial points never
 * leave it), Gao–Han adaptive coefficients for n > 2, and restarts from the best point to guard
 * against a collapsed simplex. Honours the OptimizerV1 options (ftolRel/ftolAbs on the spread of
 * the simplex's values, xtolAbs on its size, maxEvaluations with a default of 2000·(n+1)², signal,
 * onEvaluation). Slower and
 * less accurate than {@link bobyqa} on smooth problems; useful as a robust alternative.
 *
 * Throws ModelError for invalid settings.
 */
export function nelderMead(settings: NelderMeadSettings = {}): OptimizerV1 {
  const minSimplexSize = settings.minSimplexSize ?? 1e-8;
  if (!(minSimplexSize > 0)) {
    throw new ModelError(`nelderMead: minSimplexSize must be positive, got ${minSimplexSize}`);
  }
  const restarts = settings.restarts ?? 2;
  if (!Number.isInteger(restarts) || restarts < 0) {
    throw new ModelError(`nelderMead: restarts must be a non-negative integer, got ${restarts}`);
  }
  return boxOptimizer(
    "nelder-mead",
    false,
    { uniform: settings.initialStep, maxFractionOfWidth: 0.5 },
    (problem, startValue, tolerances) =>
      nelderMeadAlgorithm(problem, startValue, tolerances, { minSimplexSize, restarts }),
  );
}
