import type { VarCorrGroupV1 } from "@mixedmodels/core";
import type {
  CoefficientRow,
  GeneralizedLinearMixedModel,
  LinearMixedModel,
  MixedModelBase,
  RandomEffectsTable,
} from "@mixedmodels/models";

// Free-function accessors in the style of lme4 and MixedModels.jl: `fixef(m)` reads as `fixef(m)`
// does in R and Julia. Each is the model's own method, for linear and generalized models alike.

/** A fitted model of either kind. */
export type AnyModel = LinearMixedModel | GeneralizedLinearMixedModel;

export const fixef = (model: MixedModelBase): Float64Array => model.fixef();
export const fixefnames = (model: MixedModelBase): string[] => model.fixefnames();
export const coef = (model: MixedModelBase): Float64Array => model.coef();
export const coefnames = (model: MixedModelBase): string[] => model.coefnames();
export const ranef = (
  model: MixedModelBase,
  options: { uscale?: boolean } = {},
): RandomEffectsTable[] => model.ranef(options);
export const vcov = (model: MixedModelBase): Float64Array => model.vcov();
export const stderror = (model: MixedModelBase): Float64Array => model.stderror();
export const coeftable = (model: MixedModelBase): CoefficientRow[] => model.coeftable();
export const deviance = (model: AnyModel): number => model.deviance;
export const objective = (model: MixedModelBase): number => model.objective;
export const loglikelihood = (model: MixedModelBase): number => model.loglikelihood;
export const aic = (model: MixedModelBase): number => model.aic;
export const bic = (model: MixedModelBase): number => model.bic;
export const aicc = (model: MixedModelBase): number => model.aicc;
export const dof = (model: MixedModelBase): number => model.dof;
export const nobs = (model: MixedModelBase): number => model.nobs;
/** σ; for a generalized model without dispersion 1, as lme4's `sigma()`. */
export const sigma = (model: AnyModel): number => model.sigma;
/** Fitted values; for a generalized model the means on the response scale. */
export const fitted = (model: AnyModel): Float64Array => model.fitted();
/** y − fitted (response residuals). */
export const residuals = (model: AnyModel): Float64Array => model.residuals();
export const isSingular = (model: MixedModelBase): boolean => model.isSingular();
/**
 * Variance components: per grouping factor the standard deviations and correlations, and σ
 * (null for a generalized model's family without dispersion).
 */
export const VarCorr = (model: AnyModel): { groups: VarCorrGroupV1[]; residual: number | null } =>
  model.varCorr();
