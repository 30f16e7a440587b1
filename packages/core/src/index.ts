export {
  DataError,
  DimensionMismatchError,
  FitAbortedError,
  FormulaSyntaxError,
  MixedModelsError,
  ModelError,
  NotPositiveDefiniteError,
  UnsupportedKernelError,
} from "./errors/index";
export type {
  CorrelationNoteV1,
  FittedModelSummaryV1,
  GeneralizedSummaryV1,
  FixedEffectsSummaryV1,
  ModelWarningV1,
  OptimizationSummaryV1,
  VarCorrGroupV1,
} from "./model/fitted-model-summary-v1";
export type { FixedEffectsTestsV1 } from "./model/fixed-effects-tests-v1";
export { nameRecord, ownEntries } from "./names/own-entries";
export type {
  BoundsV1,
  MinimizeOptionsV1,
  MinimizeResultV1,
  MinimizeStatusV1,
  ObjectiveV1,
  OptimizerCapabilitiesV1,
  OptimizerV1,
} from "./optimizer/optimizer-v1";
export { isOptimizerV1 } from "./optimizer/optimizer-v1";
export type {
  ArrowTableLike,
  CategoricalColumn,
  CellValue,
  DataColumn,
  DataTable,
  NumericColumn,
  TableInput,
} from "./table/data-table";
export { isDataTable, tableColumn } from "./table/data-table";
