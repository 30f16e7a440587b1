import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { type FormatOptions, coefficientRows } from "./coef-table";
import { groupingFactorOf } from "./grouping-factor";
import { formatFixed, formatPValue } from "./number-format";
import { checkFormat, renderTable } from "./table/render-table";
import type { TableSpec } from "./table/table-spec";

/**
 * MixedModels.jl's compact, publication-style model table: one row per coefficient with Est., SE,
 * z and p, one `σ_<factor>` column per grouping factor holding the standard deviation of the
 * random effect of the same name, extra rows for random-effects columns without a fixed
 * counterpart, and a final `Residual` row with σ. Numbers with 4 decimals, z with 2.
 */
export function modelTableSpec(summary: FittedModelSummaryV1): TableSpec {
  const factors: string[] = [];
  const sdByFactor = new Map<string, Map<string, number>>();
  for (const group of summary.varcorr) {
    const factor = groupingFactorOf(group.group);
    if (!sdByFactor.has(factor)) {
      factors.push(factor);
      sdByFactor.set(factor, new Map());
    }
    const sds = sdByFactor.get(factor);
    group.names.forEach((name, j) => {
      sds?.set(name, group.sd[j]);
    });
  }
  const sdCells = (name: string) =>
    factors.map((factor) => {
      const sd = sdByFactor.get(factor)?.get(name);
      return sd === undefined ? "" : formatFixed(sd, 4);
    });
  const coefficients = coefficientRows(summary);
  const fixedNames = new Set(coefficients.map((row) => row.name));
  const rows: string[][] = coefficients.map((row) => [
    row.name,
    row.aliased ? "(dropped)" : formatFixed(row.estimate, 4),
    row.aliased ? "" : formatFixed(row.stderror, 4),
    row.aliased ? "" : formatFixed(row.z, 2),
    row.aliased ? "" : formatPValue(row.p),
    ...sdCells(row.name),
  ]);
  const extraNames: string[] = [];
  for (const factor of factors) {
    for (const name of sdByFactor.get(factor)?.keys() ?? []) {
      if (!fixedNames.has(name) && !extraNames.includes(name)) extraNames.push(name);
    }
  }
  for (const name of extraNames) rows.push([name, "", "", "", "", ...sdCells(name)]);
  // MixedModels.jl: `Dispersion` for a generalized model (none without a dispersion parameter).
  const residual = summary.generalized === undefined ? "Residual" : "Dispersion";
  if (summary.generalized?.dispersion !== null) {
    rows.push([residual, formatFixed(summary.sigma, 4), "", "", "", ...factors.map(() => "")]);
  }
  return {
    columns: [
      { header: "", align: "left" },
      { header: "Est.", align: "decimal" },
      { header: "SE", align: "decimal" },
      { header: "z", align: "right" },
      { header: "p", align: "right" },
      ...factors.map((factor) => ({ header: `σ_${factor}`, align: "decimal" as const })),
    ],
    rows,
  };
}

/**
 * The compact model table (see {@link modelTableSpec}) in the requested format: what
 * MixedModels.jl shows for a model in Markdown, HTML and LaTeX, meant for publications.
 *
 * @throws RangeError for an unknown format.
 */
export function formatModelTable(
  summary: FittedModelSummaryV1,
  options: FormatOptions = {},
): string {
  return renderTable(modelTableSpec(summary), checkFormat(options.format), { rules: true });
}
