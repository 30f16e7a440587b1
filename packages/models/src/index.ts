export { BlockedSystem } from "./blocked-system";
export {
  CrossProductLinearMixedModel,
  type CrossProductSums,
  type LevelPairSums,
  linearMixedModelFromCrossProducts,
} from "./cross-product-model";
export {
  type FactorChoice,
  isNested,
  SPARSE_FACTOR_FLOP_RATIO,
  type SparseFactorPolicy,
} from "./factor-storage";
export { GeneralizedLinearMixedModel } from "./generalized-linear-mixed-model";
export type { PirlsOutcome } from "./glmm-objective";
export {
  type GeneralizedLinearMixedModelOptions,
  type GlmmFitOptions,
  MAX_AGQ_NODES,
} from "./glmm-options";
export type { GlmmResidualType } from "./glmm-residuals";
export type { GlmmSavedState } from "./glmm-restore";
export { type GlmmResponse, type GlmmResponseOptions, readsBinaryResponse } from "./glmm-response";
export { formatEvaluationLine, formatJuliaFloat } from "./julia-format";
export {
  createLinearMixedModel,
  LinearMixedModel,
  type LinearMixedModelOptions,
} from "./linear-mixed-model";
export { MixedModelBase, type ModelEstimates } from "./mixed-model";
export type { SummarySource } from "./model-summary";
export type {
  BlockDescription,
  CoefficientRow,
  ConditionalVarianceTable,
  FitLogEntry,
  FitOptions,
  OptimizationSummary,
  RandomEffectsTable,
} from "./model-types";
export { ThetaLayout } from "./theta-layout";
