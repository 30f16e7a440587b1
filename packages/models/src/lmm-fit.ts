import type { MinimizeResultV1, ModelWarningV1 } from "@mixedmodels/core";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import type { BlockedSystem } from "./blocked-system";
import { resolveFitSettings } from "./fit-settings";
import { fitWarnings } from "./fit-warnings";
import type { FitOptions, OptimizationSummary } from "./model-types";
import { optimizationSummary } from "./optimization-summary";
import { createRecorder, runOptimizer } from "./optimizer-run";
import { canonicalTheta } from "./post-fit";
import type { UserScale } from "./user-scale";

/** What a linear model's fit works on (the model's own state, so this file knows no class). */
export interface LinearFitContext {
  readonly system: BlockedSystem;
  readonly parts: ModelParts;
  readonly userScale: UserScale;
  /** θ̃ of the conditioned system the fit starts from, installed with L up to date. */
  readonly initialTheta: Float64Array;
  /** Install θ̃ and return the criterion there, or null when L cannot be factored. */
  evaluateAt(theta: Float64Array): number | null;
  /**
   * ∂criterion/∂θ̃ at θ̃ into `out`, for optimizers that use a gradient (absent: the model offers
   * none). @throws ModelError where the model is too large for it.
   */
  gradientAt?(theta: Float64Array, out: Float64Array): void;
  /** Install θ̃ and update the factor. @throws NotPositiveDefiniteError where it fails. */
  installTheta(theta: ArrayLike<number>): void;
  /** The criterion of the user's parametrization from the conditioned system's. */
  reportedObjective(internal: number, reml: boolean): number;
  /** Leave the model unfitted at the initial θ (after an aborted or failed optimization). */
  resetToInitial(): void;
  isSingular(): boolean;
}

/**
 * Minimize the profiled deviance (or REML criterion) over θ from `initialTheta`; a failed
 * factorization at a trial θ answers the initial objective. Afterwards rectify signs, snap tiny
 * diagonal θ to zero when the objective allows, and install the final θ.
 * @throws what the optimizer throws (FitAbortedError on an aborted signal), after resetting the
 *   model to its initial θ.
 */
export function runLinearFit(
  context: LinearFitContext,
  options: FitOptions,
  reml: boolean,
): { optsum: OptimizationSummary; warnings: ModelWarningV1[] } {
  const { system, userScale, initialTheta, evaluateAt } = context;
  const layout = system.layout;
  const initialObjective = system.objective(reml);
  const settings = resolveFitSettings(options, layout.lowerBounds(), initialTheta);
  const { n, p } = system;
  const recorder = userScale.recorderOut(createRecorder(options), layout, reml, n, p);

  let result: MinimizeResultV1;
  try {
    result = runOptimizer(
      options,
      recorder,
      initialTheta,
      settings,
      (theta) => evaluateAt(theta) ?? initialObjective,
      options.optimizer.capabilities?.usesGradient === true ? context.gradientAt : undefined,
    );
  } catch (error) {
    context.resetToInitial();
    throw error;
  }

  let best = result.value;
  if (!Number.isFinite(best)) {
    context.installTheta(result.theta);
    best = system.objective(reml);
  }
  const theta = canonicalTheta(layout, Float64Array.from(result.theta), best, evaluateAt, (t, v) =>
    recorder.record(t, v),
  );
  context.installTheta(theta);
  const finalObjective = context.reportedObjective(system.objective(reml), reml);

  const optsum = optimizationSummary({
    optimizer: options.optimizer.name,
    fitLog: recorder.fitLog,
    result,
    settings,
    initialTheta: userScale.thetaOut(layout, initialTheta),
    initialObjective: context.reportedObjective(initialObjective, reml),
    finalTheta: userScale.thetaOut(layout, theta),
    finalObjective,
  });
  const warnings = fitWarnings(options.optimizer.name, result, context.parts, context.isSingular());
  return { optsum, warnings };
}
