export { buildModelParts } from "./build-model-parts";
export {
  coefficientNames,
  type NamingStyle,
  toLme4Name,
  toMixedModelsName,
} from "./coefficient-names";
export type { Contrast, ContrastMatrix, ContrastType } from "./contrasts/contrast";
export { contrastMatrix, fullDummyMatrix } from "./contrasts/contrast";
export { CONSTANT_COLUMN_RELATIVE } from "./design/centred-design";
export { type EqualRows, equalRows } from "./design/equal-rows";
export { independentColumns, rankTolerance } from "./design/fixed-effects-rank";
export { DEFAULT_MAX_FIXED_EFFECTS } from "./design/fixed-effects-size";
export { elementwiseFunctionNames } from "./evaluate/evaluate-numeric";
export { orthogonalPolynomials } from "./evaluate/orthogonal-polynomials";
export type { ModelPartsOptions, RowValuesOption } from "./model-parts-options";
export {
  type NewDataDesign,
  type NewDataDesignOptions,
  type NewDataRandomEffects,
  newDataDesign,
} from "./newdata/new-data-design";
export type { ModelKind } from "./random/random-effects-terms";
export { type CsvRecordSink, CsvRecordSplitter } from "./table/csv-records";
export {
  type CsvOptions,
  type CsvStreamOptions,
  parseCsv,
  parseCsvStream,
} from "./table/parse-csv";
export { type TableOptions, toDataTable } from "./table/to-data-table";
export type {
  FixedEffectsMatrix,
  ModelParts,
  ModelPartsWarning,
  RandomEffectsMatrix,
  ResponseKind,
} from "./types";
