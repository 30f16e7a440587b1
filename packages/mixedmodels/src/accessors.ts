import type { VarCorrGroupV1 } from "@mixedmodels/core";
import type { CoefficientRow, LinearMixedModel, RandomEffectsTable } from "@mixedmodels/models";

// Free-function accessors in the style of lme4 and MixedModels.jl: `fixef(m)` reads as `fixef(m)`
// does in R and Julia. Each is the model's own method.

export const fixef = (model: LinearMixedModel): Float64Array => model.fixef();
export const fixefnames = (model: LinearMixedModel): string[] => model.fixefnames();
export const coef = (model: LinearMixedModel): Float64Array => model.coef();
export const coefnames = (model: LinearMixedModel): string[] => model.coefnames();
export const ranef = (
  model: LinearMixedModel,
  options: { uscale?: boolean } = {},
): RandomEffectsTable[] => model.ranef(options);
export const vcov = (model: LinearMixedModel): Float64Array => model.vcov();
export const stderror = (model: LinearMixedModel): Float64Array => model.stderror();
export const coeftable = (model: LinearMixedModel): CoefficientRow[] => model.coeftable();
export const deviance = (model: LinearMixedModel): number => model.deviance;
export const objective = (model: LinearMixedModel): number => model.objective;
export const loglikelihood = (model: LinearMixedModel): number => model.loglikelihood;
export const aic = (model: LinearMixedModel): number => model.aic;
export const bic = (model: LinearMixedModel): number => model.bic;
export const aicc = (model: LinearMixedModel): number => model.aicc;
export const dof = (model: LinearMixedModel): number => model.dof;
export const nobs = (model: LinearMixedModel): number => model.nobs;
export const sigma = (model: LinearMixedModel): number => model.sigma;
export const fitted = (model: LinearMixedModel): Float64Array => model.fitted();
export const residuals = (model: LinearMixedModel): Float64Array => model.residuals();
export const isSingular = (model: LinearMixedModel): boolean => model.isSingular();
/** Variance components: per grouping factor the standard deviations and correlations, and σ. */
export const VarCorr = (model: LinearMixedModel): { groups: VarCorrGroupV1[]; residual: number } =>
  model.varCorr();
