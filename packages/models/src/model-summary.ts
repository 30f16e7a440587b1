import type { FittedModelSummaryV1, VarCorrGroupV1 } from "@mixedmodels/core";
import type { MixedModelBase } from "./mixed-model";
import type { OptimizationSummary } from "./model-types";

/** What the summary reads from a fitted model of any kind. */
export interface SummarySource
  extends Pick<
    MixedModelBase,
    | "parts"
    | "nobs"
    | "objective"
    | "loglikelihood"
    | "aic"
    | "bic"
    | "aicc"
    | "dof"
    | "theta"
    | "warnings"
    | "coefnames"
    | "coef"
    | "stderror"
    | "isSingular"
  > {
  readonly reml: boolean;
  /** The residual standard deviation (1 for a family without dispersion, as lme4's sigma()). */
  readonly sigma: number;
  varCorr(): { readonly groups: VarCorrGroupV1[] };
}

/** The plain-data summary of a fitted model, for reports and the CLI. */
export function buildSummary(
  model: SummarySource,
  optsum: OptimizationSummary,
): FittedModelSummaryV1 {
  const { X, reterms, formula } = model.parts;
  const aliased = new Set(X.aliased);
  return {
    specificationVersion: "v1",
    formula: formula.text,
    reml: model.reml,
    nobs: model.nobs,
    objective: model.objective,
    loglik: model.loglikelihood,
    aic: model.aic,
    bic: model.bic,
    aicc: model.aicc,
    dof: model.dof,
    sigma: model.sigma,
    theta: Array.from(model.theta),
    fixef: {
      names: model.coefnames(),
      estimates: Array.from(model.coef()),
      stderror: Array.from(model.stderror()),
      aliased: X.allNames.map((name) => aliased.has(name)),
    },
    varcorr: model.varCorr().groups,
    ngroups: reterms.map((term) => ({ group: term.group, levels: term.levels.length })),
    warnings: [...model.warnings],
    optimization: {
      optimizer: optsum.optimizer,
      evaluations: optsum.evaluations,
      status: optsum.status,
      converged: optsum.converged,
      message: optsum.message,
      initialTheta: optsum.initialTheta,
      initialObjective: optsum.initialObjective,
    },
    singular: model.isSingular(),
  };
}
