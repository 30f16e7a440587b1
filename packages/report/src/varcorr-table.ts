import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import type { FormatOptions } from "./coef-table";
import { formatCorrelation, formatFixed, significantDecimals } from "./number-format";
import { checkFormat, renderTable } from "./table/render-table";
import type { TableSpec } from "./table/table-spec";

interface VarCorrLine {
  readonly group: string;
  readonly column: string;
  readonly sd: number;
  /** Correlations with the earlier columns of the same group (null: undefined, printed "—"). */
  readonly correlations: readonly (number | null)[];
}

function varCorrLines(summary: FittedModelSummaryV1): VarCorrLine[] {
  const lines: VarCorrLine[] = [];
  for (const group of summary.varcorr) {
    group.names.forEach((column, j) => {
      const correlations: (number | null)[] = [];
      for (let k = 0; k < j; k++) {
        const value = group.corr?.[j]?.[k];
        correlations.push(value === undefined ? Number.NaN : value);
      }
      lines.push({ group: j === 0 ? group.group : "", column, sd: group.sd[j], correlations });
    });
  }
  // A generalized model's family without a dispersion parameter has no residual line.
  if (summary.generalized?.dispersion !== null) {
    lines.push({ group: "Residual", column: "", sd: summary.sigma, correlations: [] });
  }
  return lines;
}

/** Decimals for the variance and SD columns: as many as the SDs need at 6 significant digits. */
function varCorrDecimals(lines: readonly VarCorrLine[]): number {
  return Math.min(12, Math.max(1, ...lines.map((line) => significantDecimals(line.sd))));
}

/**
 * The variance components as strings: group (on the first line of each group only), column,
 * variance, standard deviation (both with the same decimals), then the correlations with the
 * earlier columns of the group (`.` for a structural zero, `—` where undefined), then a `Residual`
 * line.
 */
export function varCorrTableSpec(summary: FittedModelSummaryV1): TableSpec {
  const lines = varCorrLines(summary);
  const decimals = varCorrDecimals(lines);
  const correlationColumns = Math.max(0, ...lines.map((line) => line.correlations.length));
  const columns: TableSpec["columns"] = [
    { header: "", align: "left" },
    { header: "Column", align: "left" },
    { header: "Variance", align: "right" },
    { header: "Std.Dev.", align: "right" },
    ...Array.from({ length: correlationColumns }, (_, k) => ({
      header: k === 0 ? "Corr." : "",
      align: "right" as const,
    })),
  ];
  const rows = lines.map((line) => [
    line.group,
    line.column,
    formatFixed(line.sd * line.sd, decimals),
    formatFixed(line.sd, decimals),
    ...Array.from({ length: correlationColumns }, (_, k) =>
      k < line.correlations.length ? formatCorrelationCell(line.correlations[k]) : "",
    ),
  ]);
  return { columns, rows };
}

/** A correlation cell; "—" where it is undefined (a standard deviation of exactly zero). */
function formatCorrelationCell(rho: number | null): string {
  return rho === null ? "—" : formatCorrelation(rho);
}

/** Centres `text` in `width` (extra space on the right), as MixedModels.jl centres its headers. */
export function centre(text: string, width: number): string {
  const left = Math.floor((width - text.length) / 2);
  return (" ".repeat(Math.max(0, left)) + text).padEnd(width);
}

/**
 * The MixedModels.jl text layout of the variance components: `Variance components:`, a header of
 * centred titles, one line per random-effects column, correlations in width 6, a Residual line.
 */
function formatVarCorrText(summary: FittedModelSummaryV1): string {
  const table = varCorrTableSpec(summary);
  const cell = (j: number) => table.rows.map((row) => row[j]);
  const groupWidth = Math.max(...cell(0).map((text) => text.length)) + 1;
  const columnWidth = Math.max("Column".length, ...cell(1).map((text) => text.length)) + 1;
  const varianceWidth = Math.max(...cell(2).map((text) => text.length)) + 1;
  const sdWidth = Math.max(...cell(3).map((text) => text.length)) + 1;
  const hasCorrelations = table.columns.length > 4;
  const header =
    " ".repeat(groupWidth) +
    centre("Column", columnWidth) +
    centre("Variance", varianceWidth) +
    centre("Std.Dev.", sdWidth) +
    (hasCorrelations ? "  Corr." : "");
  const lines = table.rows.map((row) => {
    const correlations = row
      .slice(4)
      .filter((text) => text !== "")
      .map((text) => text.padStart(6))
      .join("");
    return (
      row[0].padEnd(groupWidth) +
      row[1].padEnd(columnWidth) +
      row[2].padStart(varianceWidth) +
      row[3].padStart(sdWidth) +
      correlations
    ).trimEnd();
  });
  return ["Variance components:", header.trimEnd(), ...lines].join("\n");
}

/**
 * The variance components of a fitted model in the requested format (text: MixedModels.jl's
 * layout; markdown, HTML, LaTeX: a table with columns ` `, Column, Variance, Std.Dev., Corr.).
 *
 * @throws RangeError for an unknown format.
 */
export function formatVarCorr(summary: FittedModelSummaryV1, options: FormatOptions = {}): string {
  const format = checkFormat(options.format);
  if (format === "text") return formatVarCorrText(summary);
  return renderTable(varCorrTableSpec(summary), format);
}
