// The umbrella: every layer re-exported, plus `lmm()`, `glmm()` and `fit()` with BOBYQA as the default.
// inference, predict and bootstrap by name: `coeftable` and `confint` are the umbrella's own
// (./inference), which choose by their arguments between the packages' functions of that name.
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
export {
  type BootstrapInterval,
  type BootstrapNames,
  type BootstrapOptions,
  type BootstrapParameters,
  type BootstrapReplicate,
  type BootstrapResult,
  bootstrapColumns,
  bootstrapFromJSON,
  bootstrapNames,
  bootstrapToJSON,
  combineBootstraps,
  equalTailIntervals,
  type GeneralizedSettings,
  parametricBootstrap,
  shortestCoverage,
} from "@mixedmodels/bootstrap";
export {
  type AnovaRow,
  type AnovaTable,
  anova,
  type BootstrapConfintOptions,
  type CoefficientTests,
  type ConfidenceIntervals,
  type ConfintOptions,
  type ContrastTest,
  checkDdfMethod,
  type DdfMethod,
  KenwardRoger,
  type KenwardRogerTest,
  type LikelihoodProfile,
  type ParameterProfile,
  profile,
  type RanovaRow,
  type RanovaTable,
  ranova,
  Satterthwaite,
  summaryWithTests,
  type TestedCoefficient,
} from "@mixedmodels/inference";
export {
  type FittedMixedModel,
  type NewLevelPolicy,
  type OffsetInput,
  type PredictOptions,
  predict,
  refit,
  type SimulateOptions,
  simulate,
} from "@mixedmodels/predict";
export { type FitDefaults, fit, type GlmmFitDefaults } from "./fit";
export { GeneralizedMixedModel, type GlmmOptions, glmm } from "./glmm";
export {
  type BootstrapResultConfintOptions,
  type ConfintBootOptions,
  coeftable,
  confint,
  type TestedDdfMethod,
} from "./inference";
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
