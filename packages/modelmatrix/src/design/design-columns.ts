import type { Term } from "@mixedmodels/formula";
import { type Contrast, contrastMatrix, fullDummyMatrix } from "../contrasts/contrast";
import type { EvaluatedFactor } from "../evaluate/evaluate-factor";
import { termCodings } from "./term-codings";

/** One multiplicand of a design column: a numeric vector, or a per-level weight of a factor. */
export type ColumnPart =
  | { readonly kind: "numeric"; readonly values: Float64Array }
  | { readonly kind: "categorical"; readonly codes: Int32Array; readonly weights: Float64Array };

/** A column of X or of a random-effects term: the product of its parts (1 for no parts). */
export interface DesignColumn {
  /** lme4 style: `(Intercept)`, `Days`, `dept5:service1`, `poly(x, 2)1`. */
  readonly name: string;
  /** MixedModels.jl style: `(Intercept)`, `Days`, `dept: 5 & service: 1`. */
  readonly mixedModelsName: string;
  /** Index of the term the column belongs to: 0 for the intercept, i+1 for terms[i] (R's `assign`). */
  readonly term: number;
  readonly parts: readonly ColumnPart[];
}

interface Component {
  readonly name: string;
  readonly mixedModelsName: string;
  readonly part: ColumnPart;
}

/**
 * The columns of a model matrix for `intercept + terms`, coded by R's rules (see `termCodings`).
 * Within an interaction the first factor varies fastest, as in R (`recipeB:temperature185`,
 * `recipeC:temperature185`, `recipeB:temperature195`, ...).
 *
 * @param factors evaluated factors by `TermFactor.label`
 * @param contrasts codings keyed by factor label (`factor(x)`) or by data column name
 * @throws DataError from `contrastMatrix` (too few levels, unknown base level, bad matrix)
 */
export function designColumns(
  terms: readonly Term[],
  intercept: boolean,
  factors: ReadonlyMap<string, EvaluatedFactor>,
  contrasts: ReadonlyMap<string, Contrast>,
): DesignColumn[] {
  const evaluated = (label: string): EvaluatedFactor => factors.get(label) as EvaluatedFactor;
  const codings = termCodings(
    terms,
    intercept,
    (factor) => evaluated(factor.label).kind === "categorical",
  );
  const columns: DesignColumn[] = [];
  if (intercept)
    columns.push({ name: "(Intercept)", mixedModelsName: "(Intercept)", term: 0, parts: [] });
  terms.forEach((term, i) => {
    let combined: Component[][] = [[]];
    term.factors.forEach((factor, j) => {
      const components = factorComponents(evaluated(factor.label), codings[i][j], contrasts);
      const next: Component[][] = [];
      for (const component of components) {
        for (const prefix of combined) next.push([...prefix, component]);
      }
      combined = next;
    });
    for (const pieces of combined) {
      columns.push({
        name: pieces.map((piece) => piece.name).join(":"),
        mixedModelsName: pieces.map((piece) => piece.mixedModelsName).join(" & "),
        term: i + 1,
        parts: pieces.map((piece) => piece.part),
      });
    }
  });
  return columns;
}

function factorComponents(
  factor: EvaluatedFactor,
  coding: "contrasts" | "full",
  contrasts: ReadonlyMap<string, Contrast>,
): Component[] {
  if (factor.kind === "numeric") {
    return factor.columns.map((values, j) => ({
      name: factor.label + factor.suffixes[j],
      mixedModelsName: factor.label + factor.suffixes[j],
      part: { kind: "numeric", values },
    }));
  }
  const contrast = contrasts.get(factor.label) ?? contrasts.get(factor.variable) ?? "treatment";
  const matrix =
    coding === "full"
      ? fullDummyMatrix(factor.levels)
      : contrastMatrix(factor.levels, contrast, factor.variable, factor.allLevels);
  const components: Component[] = [];
  for (let j = 0; j < matrix.columnCount; j++) {
    const weights = matrix.values.subarray(j * matrix.levelCount, (j + 1) * matrix.levelCount);
    components.push({
      name: factor.label + matrix.lme4Labels[j],
      mixedModelsName: `${factor.label}: ${matrix.mixedModelsLabels[j]}`,
      part: { kind: "categorical", codes: factor.codes, weights },
    });
  }
  return components;
}

/**
 * Writes a design column's values for all n rows into `target[offset + t*stride]`
 * (stride 1 for a column of column-major X, s for a row of the s×n matrix z).
 */
export function writeDesignColumn(
  column: DesignColumn,
  n: number,
  target: Float64Array,
  offset: number,
  stride: number,
): void {
  const { parts } = column;
  if (parts.length === 0) {
    for (let t = 0; t < n; t++) target[offset + t * stride] = 1;
    return;
  }
  // One small monomorphic pass per part (set, then multiply in place) keeps the loops fast.
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (part.kind === "numeric") {
      if (k === 0) setNumeric(target, offset, stride, n, part.values);
      else multiplyNumeric(target, offset, stride, n, part.values);
    } else if (k === 0) {
      setCategorical(target, offset, stride, n, part.codes, part.weights);
    } else {
      multiplyCategorical(target, offset, stride, n, part.codes, part.weights);
    }
  }
}

function setNumeric(
  target: Float64Array,
  offset: number,
  stride: number,
  n: number,
  values: Float64Array,
): void {
  for (let t = 0, at = offset; t < n; t++, at += stride) target[at] = values[t];
}

function multiplyNumeric(
  target: Float64Array,
  offset: number,
  stride: number,
  n: number,
  values: Float64Array,
): void {
  for (let t = 0, at = offset; t < n; t++, at += stride) target[at] *= values[t];
}

function setCategorical(
  target: Float64Array,
  offset: number,
  stride: number,
  n: number,
  codes: Int32Array,
  weights: Float64Array,
): void {
  for (let t = 0, at = offset; t < n; t++, at += stride) target[at] = weights[codes[t]];
}

function multiplyCategorical(
  target: Float64Array,
  offset: number,
  stride: number,
  n: number,
  codes: Int32Array,
  weights: Float64Array,
): void {
  for (let t = 0, at = offset; t < n; t++, at += stride) target[at] *= weights[codes[t]];
}
