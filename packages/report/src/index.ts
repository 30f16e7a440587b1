export type { CoefTableRow, FormatOptions } from "./coef-table";
export { coefficientRows, coefTableSpec, formatCoefTable } from "./coef-table";
export { formatLikelihoodRatioTest, likelihoodRatioTestSpec } from "./format-likelihood-ratio-test";
export {
  formatGeneralizedSummary,
  generalizedCriterionLine,
  generalizedStatisticsSpec,
} from "./format-generalized-summary";
export {
  criterionLine,
  fitStatisticsSpec,
  formatSummary,
  observationsLine,
} from "./format-summary";
export type { LikelihoodRatioTestResult, LikelihoodRatioTestRow } from "./likelihood-ratio-test";
export { likelihoodRatioTest } from "./likelihood-ratio-test";
export { formatModelTable, modelTableSpec } from "./model-table";
export { summaryWarnings } from "./model-warnings";
export {
  formatCorrelation,
  formatFixed,
  formatPValue,
  formatSignificant,
} from "./number-format";
export { escapeHtml } from "./table/render-html";
export { escapeLatex } from "./table/render-latex";
export { escapeMarkdownCell } from "./table/render-markdown";
export { renderTable } from "./table/render-table";
export type { TextTableOptions } from "./table/render-text";
export type { ColumnAlignment, OutputFormat, TableColumn, TableSpec } from "./table/table-spec";
export { formatVarCorr, varCorrTableSpec } from "./varcorr-table";
export type { CaterpillarOptions, CaterpillarRow } from "./plots/caterpillar";
export { caterpillarRows, caterpillarSpec, groupingFactors } from "./plots/caterpillar";
export type {
  ConditionalVarianceInput,
  FittedValuesModel,
  RandomEffectsInput,
  RandomEffectsModel,
  VegaLiteSpec,
} from "./plots/plot-inputs";
export { VEGA_LITE_SCHEMA } from "./plots/plot-inputs";
export type { QQRow } from "./plots/qq-plot";
export { plottingPositions, qqRows, qqSpec } from "./plots/qq-plot";
export type { ResidualRow } from "./plots/residual-plot";
export { residualRows, residualSpec } from "./plots/residual-plot";
