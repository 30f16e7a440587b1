import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { normalTwoSidedPValue } from "@mixedmodels/distributions";
import { dfCoefTableSpec, dfMethodNote } from "./coef-table-df";
import { formatFixed, formatPValue, formatSignificant } from "./number-format";
import { checkFormat, renderTable } from "./table/render-table";
import type { OutputFormat, TableSpec } from "./table/table-spec";

/** One fixed-effect coefficient with its Wald z statistic and two-sided normal p-value. */
export interface CoefTableRow {
  readonly name: string;
  readonly estimate: number;
  readonly stderror: number;
  /** estimate / stderror; NaN for an aliased coefficient. */
  readonly z: number;
  /** P(|Z| > |z|) in [0, 1]; NaN for an aliased coefficient or a NaN z. */
  readonly p: number;
  readonly aliased: boolean;
}

/** Options of the formatting functions. */
export interface FormatOptions {
  /** Output format; default `text`. */
  readonly format?: OutputFormat;
}

/**
 * The fixed-effects coefficients with z = estimate/SE and p = 2·P(Z > |z|), computed in the upper
 * tail so tiny p-values keep their digits.
 */
export function coefficientRows(summary: FittedModelSummaryV1): CoefTableRow[] {
  const { names, estimates, stderror, aliased } = summary.fixef;
  return names.map((name, i) => {
    const isAliased = aliased[i] === true;
    const z = isAliased ? Number.NaN : estimates[i] / stderror[i];
    return {
      name,
      estimate: estimates[i],
      stderror: stderror[i],
      z,
      p: Number.isNaN(z) ? Number.NaN : Math.min(1, normalTwoSidedPValue(z)),
      aliased: isAliased,
    };
  });
}

/**
 * The coefficient table as strings: estimates and standard errors with 6 significant digits, z
 * with 2 decimals, p as `0.0123` or `<1e-NN`. An aliased (dropped) coefficient shows `(dropped)`.
 */
export function coefTableSpec(summary: FittedModelSummaryV1): TableSpec {
  if (summary.fixedEffectsTests !== undefined)
    return dfCoefTableSpec(summary, summary.fixedEffectsTests);
  return {
    columns: [
      { header: "", align: "left" },
      { header: "Coef.", align: "decimal" },
      { header: "Std. Error", align: "decimal" },
      { header: "z", align: "right" },
      { header: "Pr(>|z|)", align: "right" },
    ],
    rows: coefficientRows(summary).map((row) =>
      row.aliased
        ? [row.name, "(dropped)", "", "", ""]
        : [
            row.name,
            formatSignificant(row.estimate),
            formatSignificant(row.stderror),
            formatFixed(row.z, 2),
            formatPValue(row.p),
          ],
    ),
  };
}

/**
 * The fixed-effects table of a fitted model in the requested format. Text is StatsBase's
 * `CoefTable` layout: rules of `─`, numbers aligned on the decimal point.
 *
 * @throws RangeError for an unknown format.
 */
export function formatCoefTable(
  summary: FittedModelSummaryV1,
  options: FormatOptions = {},
): string {
  const format = checkFormat(options.format);
  const table = renderTable(coefTableSpec(summary), format, { rules: true });
  const tests = summary.fixedEffectsTests;
  return tests === undefined ? table : table + dfMethodNote(tests, format);
}
