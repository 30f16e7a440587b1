import { ModelError } from "@mixedmodels/core";
import type { Term } from "@mixedmodels/formula";
import type { Contrast } from "../contrasts/contrast";
import type { EvaluatedFactor } from "../evaluate/evaluate-factor";
import { termCodings } from "./term-codings";

/**
 * Columns of X above which fitting is refused by default. The fixed-effects rows of the blocked
 * Cholesky cost about p³/3 operations per objective evaluation (p = 2000: ~2.7e9, seconds per
 * evaluation and minutes per fit), and their cross-product block takes 8·p² bytes.
 */
export const DEFAULT_MAX_FIXED_EFFECTS = 2000;
/** Entries of X (8 bytes each) above which it is refused whatever the limit on columns: 2 GB. */
export const MAX_FIXED_EFFECTS_ENTRIES = 2 ** 28;

/**
 * Counts the columns of X from the factors' level counts and codings, before any contrast matrix
 * or column is allocated, and refuses a model whose X or fixed-effects blocks would not fit (a
 * factor with tens of thousands of levels as a fixed effect is almost always meant as a grouping
 * factor).
 *
 * @throws ModelError stating the sizes, the term that contributes most columns and the
 *   random-effects term to write instead.
 */
export function checkFixedEffectsSize(
  terms: readonly Term[],
  intercept: boolean,
  factors: ReadonlyMap<string, EvaluatedFactor>,
  contrasts: ReadonlyMap<string, Contrast>,
  n: number,
  maxColumns = DEFAULT_MAX_FIXED_EFFECTS,
): void {
  const evaluated = (label: string) => factors.get(label) as EvaluatedFactor;
  const codings = termCodings(terms, intercept, (f) => evaluated(f.label).kind === "categorical");
  let p = intercept ? 1 : 0;
  let largest = { label: "", columns: 0, levels: 0, factor: "" };
  terms.forEach((term, i) => {
    let columns = 1;
    let mostLevels = { levels: 0, factor: "" };
    term.factors.forEach((factor, j) => {
      const f = evaluated(factor.label);
      if (f.kind === "numeric") {
        columns *= f.columns.length;
        return;
      }
      const contrast = contrasts.get(f.label) ?? contrasts.get(f.variable) ?? "treatment";
      columns *= codedColumns(f.levels.length, codings[i][j] === "full" ? "fulldummy" : contrast);
      if (f.levels.length > mostLevels.levels)
        mostLevels = { levels: f.levels.length, factor: f.label };
    });
    p += columns;
    if (columns > largest.columns) largest = { label: term.label, columns, ...mostLevels };
  });
  if (p <= maxColumns && n * p <= MAX_FIXED_EFFECTS_ENTRIES) return;
  const suggestion =
    largest.levels > 0
      ? ` Term '${largest.label}' alone gives ${largest.columns} columns (factor '${largest.factor}' has ${largest.levels} levels); a factor with that many levels is usually a grouping factor: write it as a random-effects term, (1 | ${largest.factor}).`
      : "";
  throw new ModelError(
    `the fixed-effects matrix X would have ${n} rows × ${p} columns (${gigabytes(8 * n * p)}) and its cross-product block ${p} × ${p} (${gigabytes(8 * p * p)}), more than this library fits (at most ${maxColumns} columns and ${MAX_FIXED_EFFECTS_ENTRIES} entries; option maxFixedEffects raises the first).${suggestion}`,
    { term: largest.label || undefined },
  );
}

function codedColumns(levels: number, contrast: Contrast): number {
  const type = typeof contrast === "string" ? contrast : contrast.type;
  if (type === "fulldummy") return levels;
  if (typeof contrast !== "string" && contrast.type === "matrix") return contrast.labels.length;
  return Math.max(levels - 1, 0);
}

function gigabytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
