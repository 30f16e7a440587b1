// The umbrella: every layer re-exported, plus `lmm()`, `glmm()` and `fit()` with BOBYQA as the default.
export * from "@mixedmodels/core";
export * from "@mixedmodels/distributions";
export * from "@mixedmodels/formula";
export * from "@mixedmodels/linalg";
export * from "@mixedmodels/modelmatrix";
export * from "@mixedmodels/models";
export * from "@mixedmodels/optim";
export * from "@mixedmodels/report";
export {
  type AnyModel,
  aic,
  aicc,
  bic,
  coef,
  coefnames,
  coeftable,
  deviance,
  dof,
  fitted,
  fixef,
  fixefnames,
  isSingular,
  loglikelihood,
  nobs,
  objective,
  ranef,
  residuals,
  sigma,
  stderror,
  VarCorr,
  vcov,
} from "./accessors";
export { type FitDefaults, fit, type GlmmFitDefaults } from "./fit";
export { GeneralizedMixedModel, type GlmmOptions, glmm } from "./glmm";
export { type LmmOptions, lmm } from "./lmm";
export { MixedModel } from "./mixed-model";
export { type AugmentRow, augment } from "./results/augment";
export { type GlanceRow, glance } from "./results/glance";
export { type LevelCoefficients, levelCoefficients } from "./results/level-coefficients";
export { type TidyEffects, type TidyOptions, type TidyRow, tidy } from "./results/tidy";
export {
  restoreFit,
  type SavedFit,
  type SavedGeneralizedFit,
  type SavedLinearFit,
  type SavedOptions,
  saveFit,
} from "./saved-fit/save-fit";
