import { DimensionMismatchError } from "@mixedmodels/core";
import { type FittedValuesModel, VEGA_LITE_SCHEMA, type VegaLiteSpec } from "./plot-inputs";

/** One observation's fitted value and response residual. */
export interface ResidualRow {
  /** The observation's position among the rows the model used (0-based). */
  readonly index: number;
  readonly fitted: number;
  readonly residual: number;
}

/** Fitted values against response residuals (y − fitted), one row per observation. */
export function residualRows(model: FittedValuesModel): ResidualRow[] {
  const fitted = model.fitted();
  const residuals = model.residuals();
  if (fitted.length !== residuals.length) {
    throw new DimensionMismatchError(
      `fitted values (${fitted.length}) and residuals (${residuals.length}) differ in length`,
    );
  }
  return Array.from({ length: fitted.length }, (_, index) => ({
    index,
    fitted: fitted[index],
    residual: residuals[index],
  }));
}

/**
 * Residuals against fitted values with a line at zero: a funnel shows variance growing with the
 * mean, a curve a missing term. Points are small and translucent, so large data (InstEval's
 * 73,421 rows) show density rather than a solid block.
 */
export function residualSpec(model: FittedValuesModel): VegaLiteSpec {
  const rows = residualRows(model);
  const opacity = rows.length > 5000 ? 0.15 : 0.6;
  return {
    $schema: VEGA_LITE_SCHEMA,
    description: "Residuals against fitted values",
    title: "Residuals vs fitted",
    width: 360,
    height: 260,
    data: { values: rows },
    layer: [
      {
        mark: { type: "point", filled: true, size: rows.length > 5000 ? 6 : 20, opacity },
        encoding: {
          x: { field: "fitted", type: "quantitative", title: "fitted", scale: { zero: false } },
          y: { field: "residual", type: "quantitative", title: "residual" },
        },
      },
      { mark: { type: "rule", strokeDash: [4, 4], color: "#999" }, encoding: { y: { datum: 0 } } },
    ],
  };
}
