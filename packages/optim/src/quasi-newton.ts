import { ModelError, type OptimizerV1 } from "@mixedmodels/core";
import { boxOptimizer } from "./common/run-minimization";
import { projectedBfgs } from "./quasi-newton/projected-bfgs";

/** Settings of {@link quasiNewton}; every field is optional. */
export interface QuasiNewtonSettings {
  /**
   * Converged when the next step would move every θ_i by at most
   * stepRelative·|θ_i| + stepAbsolute (default 1e-9 and 1e-11; the call's xtolAbs raises the
   * absolute part).
   */
  readonly stepRelative?: number;
  readonly stepAbsolute?: number;
  /** Trial points per line search (default 30). */
  readonly maxTrials?: number;
  /**
   * The objective's rounding noise relative to max(1, |f|) (default 1e-11): rises of f below it
   * do not stop a step, and the last iterate is preferred to a point lower by less than it.
   */
  readonly noiseRelative?: number;
}

function positive(name: string, value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new ModelError(`quasiNewton: ${name} must be a positive finite number, got ${value}`);
  }
  return value;
}

/**
 * A projected BFGS quasi-Newton method for bound-constrained minimization with the objective's
 * analytic gradient (`objective.gradient` is required: without one the result has status
 * "failed"). Never evaluates outside the bounds. Honours maxEvaluations (gradient calls are not
 * counted), signal and onEvaluation; it stops on its own step tolerance rather than on ftolRel
 * or ftolAbs, which for a method that converges superlinearly would stop it early.
 *
 * Throws ModelError for invalid settings.
 */
export function quasiNewton(settings: QuasiNewtonSettings = {}): OptimizerV1 {
  const stepRelative = positive("stepRelative", settings.stepRelative ?? 1e-9);
  const stepAbsolute = positive("stepAbsolute", settings.stepAbsolute ?? 1e-11);
  const maxTrials = settings.maxTrials ?? 30;
  const noiseRelative = settings.noiseRelative ?? 1e-11;
  if (!(noiseRelative >= 0) || !Number.isFinite(noiseRelative)) {
    throw new ModelError(
      `quasiNewton: noiseRelative must be a non-negative number, got ${noiseRelative}`,
    );
  }
  if (!Number.isInteger(maxTrials) || maxTrials < 1) {
    throw new ModelError(`quasiNewton: maxTrials must be a positive integer, got ${maxTrials}`);
  }
  return boxOptimizer(
    "quasi-newton",
    true,
    { maxFractionOfWidth: 0.5 },
    (problem, startValue, tolerances) =>
      projectedBfgs(problem, startValue, tolerances, {
        stepRelative,
        stepAbsolute,
        maxTrials,
        noiseRelative,
      }),
  );
}
