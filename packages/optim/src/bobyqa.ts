import { ModelError, type OptimizerV1 } from "@mixedmodels/core";
import { bobyqaAlgorithm } from "./bobyqa/bobyqa-algorithm";
import { boxOptimizer } from "./common/run-minimization";

/** Settings of {@link bobyqa}; every field is optional. */
export interface BobyqaSettings {
  /**
   * Initial trust-region radius, the same for every coordinate. Default: the call's
   * `initialStep`, else NLopt's heuristic per coordinate (¾ of the distance to a bound, |x|, or 1),
   * with the coordinates rescaled so that those steps become equal. Always capped at half of a
   * finite box width.
   */
  readonly rhobeg?: number;
  /** Final trust-region radius, in the units of the coordinate with the largest initial step. Default 1e-6. */
  readonly rhoend?: number;
  /**
   * Number of interpolation points, n + 2 ≤ npt ≤ (n + 1)(n + 2)/2; default 2n + 1. A function
   * `(n) => number` is evaluated per problem.
   */
  readonly npt?: number | ((n: number) => number);
  /**
   * The trust-region subproblem solver. `"rotations"` (default): truncated CG, then rotations on
   * the sphere at the best of 24 angles, refined by a parabola. `"trsbox"`: the rules of Powell's
   * TRSBOX as NLopt runs them (CG also stops when ‖g‖·Δ is below 1 % of the reduction so far;
   * rotations sample tan(φ/2) at 17·bound + 3 points and need two free variables), which makes
   * the run follow NLopt's more closely. Measured 2026-12-04: the same 356 evaluations over the
   * 13 lme4 reference cases, InstEval 41 and 74 instead of 44 and 84, but more on the standard
   * problems (Rosenbrock 174 instead of 142, Powell's singular 774 instead of 587).
   */
  readonly trustRegion?: "rotations" | "trsbox";
}

/**
 * Powell's BOBYQA: derivative-free, bound-constrained minimization by a quadratic model that
 * interpolates npt points, trust-region steps that respect the bounds, and geometry-improving
 * steps; never evaluates outside the bounds (including from a start on a bound). Honours the
 * OptimizerV1 options: NLopt-style ftolRel/ftolAbs (on trust-region steps that improve f) and
 * xtolAbs (steps and final radius), maxEvaluations (default 2000·(n+1)², a safety net), signal,
 * onEvaluation. Absent tolerances are disabled; the run then ends when the radius reaches rhoend.
 * NaN, +Infinity and exceptions at trial points count as worse than any value; a start that cannot
 * be evaluated gives status "failed".
 *
 * Throws ModelError for invalid settings (rhobeg ≤ 0, rhoend ≤ 0, npt out of range for the
 * problem) and, from `minimize`, for invalid starts or bounds (see BoxProblem).
 */
export function bobyqa(settings: BobyqaSettings = {}): OptimizerV1 {
  if (settings.rhobeg !== undefined && !(settings.rhobeg > 0 && Number.isFinite(settings.rhobeg))) {
    throw new ModelError(`bobyqa: rhobeg must be a positive finite number, got ${settings.rhobeg}`);
  }
  const rhoend = settings.rhoend ?? 1e-6;
  const trustRegion = settings.trustRegion ?? "rotations";
  if (trustRegion !== "rotations" && trustRegion !== "trsbox") {
    throw new ModelError(
      `bobyqa: trustRegion must be "rotations" or "trsbox", got ${String(trustRegion)}`,
    );
  }
  if (!(rhoend > 0)) throw new ModelError(`bobyqa: rhoend must be positive, got ${rhoend}`);
  return boxOptimizer(
    "bobyqa",
    false,
    { uniform: settings.rhobeg, maxFractionOfWidth: 0.5 },
    (problem, startValue, tolerances) => {
      const n = problem.dimension;
      const requested = settings.npt;
      const npt = typeof requested === "function" ? requested(n) : (requested ?? 2 * n + 1);
      const most = ((n + 1) * (n + 2)) / 2;
      const fewest = Math.min(n + 2, most);
      if (!Number.isInteger(npt) || npt < fewest || npt > most) {
        throw new ModelError(
          `bobyqa: npt must be an integer in [${fewest}, ${most}] for n = ${n}, got ${npt}`,
        );
      }
      return bobyqaAlgorithm(problem, startValue, tolerances, { npt, rhoend, trustRegion });
    },
  );
}
