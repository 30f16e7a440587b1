import { DataError, ModelError, ownEntries, type TableInput } from "@mixedmodels/core";
import type { RandomEffectsTerm, TermFactor } from "@mixedmodels/formula";
import { variablesOf } from "@mixedmodels/formula";
import type { Contrast } from "../contrasts/contrast";
import { type DesignColumn, designColumns, writeDesignColumn } from "../design/design-columns";
import {
  type CategoricalFactor,
  type EvaluatedFactor,
  evaluateFactor,
} from "../evaluate/evaluate-factor";
import type { EvaluationContext } from "../evaluate/evaluation-context";
import type { ModelParts, RandomEffectsMatrix } from "../types";
import { completeNewRows, newDataTable } from "./new-data-table";
import { evaluateOnNewRows, polynomialOnNewRows } from "./stateful-transforms";

/** One random-effects term of the model on the new rows. */
export interface NewDataRandomEffects {
  readonly group: string;
  readonly s: number;
  /** s×m column-major over the m complete rows (as `RandomEffectsMatrix.z`). */
  readonly z: Float64Array;
  /**
   * Per complete row, the index of its level in the model's `levels`, or −1 − k for the k-th
   * unseen level (of `unseenLevels`).
   */
  readonly refs: Int32Array;
  /** The distinct unseen levels, in order of first appearance. */
  readonly unseenLevels: readonly string[];
}

/** The model's design evaluated on new data. */
export interface NewDataDesign {
  /** Rows of the new data. */
  readonly nrow: number;
  /** The rows (increasing) with every needed variable present; the others have no design. */
  readonly rows: Int32Array;
  /** Columns of X (the model's kept columns). */
  readonly p: number;
  /** m×p column-major over the complete rows, m = rows.length. */
  readonly X: Float64Array;
  /** The formula's offsets summed per complete row, or null without offsets. */
  readonly offset: Float64Array | null;
  /** Aligned with `parts.reterms`; null for a term not asked for. */
  readonly reterms: readonly (NewDataRandomEffects | null)[];
}

export interface NewDataDesignOptions {
  /** Indices into `parts.reterms` of the random-effects terms to build (default all). */
  readonly randomTerms?: readonly number[];
  /** Codings used when the parts were built (default: the parts' own `contrasts`, else treatment). */
  readonly contrasts?: Readonly<Record<string, Contrast>>;
}

/**
 * The design of a fitted model on new data, built from the model's stored levels, contrasts and
 * transforms: nothing is re-derived from the new rows. The response is not needed; a factor with
 * one level, or a subset of the levels, works; `scale`, `center` and `poly` use the training
 * rows' statistics; row order is kept and rows with a missing needed value are left out of
 * `rows` (the caller puts NaN there).
 *
 * @throws DataError for an absent column (with the closest names), a level of a fixed-effect or
 *   random-slope factor that the model was not fitted with (naming column and levels), or a
 *   non-finite transformed value.
 */
export function newDataDesign(
  parts: ModelParts,
  newdata: TableInput,
  options: NewDataDesignOptions = {},
): NewDataDesign {
  const { formula } = parts;
  // A Map of own entries: a contrast keyed `constructor` is a column's, never Object's.
  const contrasts = ownEntries(options.contrasts ?? parts.contrasts);
  const included = options.randomTerms ?? parts.reterms.map((_, j) => j);
  const barsOf = new Map<number, RandomEffectsTerm[]>();
  for (const j of included) barsOf.set(j, barTermsOf(parts.reterms[j], formula.random));

  const needed = new Set<string>();
  const addFactors = (factors: readonly TermFactor[]) => {
    for (const factor of factors) for (const name of factor.variables) needed.add(name);
  };
  for (const term of formula.fixed) addFactors(term.factors);
  for (const expr of formula.offsets) for (const name of variablesOf(expr)) needed.add(name);
  for (const bars of barsOf.values()) {
    for (const bar of bars) {
      addFactors(bar.grouping);
      for (const term of bar.terms) addFactors(term.factors);
    }
  }

  const training: EvaluationContext = { table: parts.table, rows: trainingRows(parts) };
  const table = newDataTable(newdata, parts.table, [...needed]);
  const fresh: EvaluationContext = { table, rows: completeNewRows(table, [...needed]) };
  const m = fresh.rows.length;

  const factors = new Map<string, EvaluatedFactor>();
  const evaluated = (factor: TermFactor) => {
    if (!factors.has(factor.label)) {
      factors.set(factor.label, factorOnNewRows(factor, training, fresh));
    }
  };
  for (const term of formula.fixed) term.factors.forEach(evaluated);
  for (const bars of barsOf.values()) {
    for (const bar of bars) for (const term of bar.terms) term.factors.forEach(evaluated);
  }

  const columns = designColumns(formula.fixed, formula.intercept, factors, contrasts);
  checkColumnNames(columns, parts.X.allNames, "fixed-effects");
  const { kept } = parts.X;
  const X = new Float64Array(m * kept.length);
  kept.forEach((j, k) => {
    writeDesignColumn(columns[j], m, X, k * m, 1);
  });

  let offset: Float64Array | null = null;
  if (formula.offsets.length > 0) {
    offset = new Float64Array(m);
    for (const expr of formula.offsets) {
      const values = evaluateOnNewRows(expr, training, fresh, "offset");
      for (let t = 0; t < m; t++) offset[t] += values[t];
    }
  }

  const reterms = parts.reterms.map((reterm, j) => {
    const bars = barsOf.get(j);
    return bars === undefined
      ? null
      : randomEffectsOnNewRows(reterm, bars, factors, fresh, contrasts);
  });
  return { nrow: table.nrow, rows: fresh.rows, p: kept.length, X, offset, reterms };
}

/** Input rows the model used: all but `droppedRows`. */
function trainingRows(parts: ModelParts): Int32Array {
  const dropped = new Uint8Array(parts.table.nrow);
  for (const row of parts.droppedRows) dropped[row] = 1;
  const rows = new Int32Array(parts.table.nrow - parts.droppedRows.length);
  for (let i = 0, r = 0; i < dropped.length; i++) if (dropped[i] === 0) rows[r++] = i;
  return rows;
}

/** The formula's bar terms merged into one random-effects matrix, in its column order. */
function barTermsOf(
  reterm: RandomEffectsMatrix,
  random: readonly RandomEffectsTerm[],
): RandomEffectsTerm[] {
  return reterm.labels.map((label) => {
    const bar = random.find((candidate) => candidate.label === label);
    if (bar === undefined) throw new ModelError(`random-effects term ${label} not in the formula`);
    return bar;
  });
}

/** A term factor on the new rows with the training factor's levels, columns and suffixes. */
function factorOnNewRows(
  factor: TermFactor,
  training: EvaluationContext,
  fresh: EvaluationContext,
): EvaluatedFactor {
  const reference = evaluateFactor(factor, training);
  const expr =
    factor.expr.kind === "call" && factor.expr.name === "fulldummy" && factor.expr.args.length === 1
      ? factor.expr.args[0]
      : factor.expr;
  if (reference.kind === "categorical") {
    const own = evaluateFactor(factor, fresh, true) as CategoricalFactor;
    return { ...reference, codes: levelIndices(reference, own, true).codes };
  }
  const columns =
    expr.kind === "call" && expr.name === "poly"
      ? polynomialOnNewRows(expr, reference.columns.length, training, fresh, factor.label)
      : [evaluateOnNewRows(expr, training, fresh, factor.label)];
  return { ...reference, columns };
}

/**
 * Codes of `own` (a factor on the new rows) as indices into `reference.levels`; unseen labels are
 * −1, or a DataError when `strict`.
 */
function levelIndices(
  reference: { readonly levels: readonly string[]; readonly variable?: string; label: string },
  own: CategoricalFactor,
  strict: boolean,
): { codes: Int32Array; unseen: string[] } {
  const index = new Map(reference.levels.map((level, i) => [level, i] as const));
  const mapped = own.levels.map((level) => index.get(level) ?? -1);
  const unseen = own.levels.filter((_, k) => mapped[k] < 0);
  if (strict && unseen.length > 0) {
    const column = reference.variable ?? reference.label;
    throw new DataError(
      `newdata has level${unseen.length === 1 ? "" : "s"} ${unseen.map((l) => `'${l}'`).join(", ")} of '${column}', which the model was not fitted with (its levels: ${reference.levels.join(", ")})`,
      { column },
    );
  }
  return { codes: Int32Array.from(own.codes, (code) => mapped[code]), unseen };
}

function randomEffectsOnNewRows(
  reterm: RandomEffectsMatrix,
  bars: readonly RandomEffectsTerm[],
  factors: ReadonlyMap<string, EvaluatedFactor>,
  fresh: EvaluationContext,
  contrasts: ReadonlyMap<string, Contrast>,
): NewDataRandomEffects {
  const m = fresh.rows.length;
  const { s } = reterm;
  const z = new Float64Array(s * m);
  let offset = 0;
  const names: string[] = [];
  for (const bar of bars) {
    const columns = designColumns(bar.terms, bar.intercept, factors, contrasts);
    columns.forEach((column, r) => {
      writeDesignColumn(column, m, z, offset + r, s);
      names.push(column.name);
    });
    offset += columns.length;
  }
  checkColumnNames(names, reterm.columnNames, reterm.group);
  // Level labels as the model built them: one factor's level, or `a-level:b-level`.
  const parts = bars[0].grouping.map(
    (factor) => evaluateFactor(factor, fresh, true) as CategoricalFactor,
  );
  const index = new Map(reterm.levels.map((level, i) => [level, i] as const));
  const refs = new Int32Array(m);
  const unseen: string[] = [];
  const unseenIndex = new Map<string, number>();
  for (let t = 0; t < m; t++) {
    const label = parts.map((factor) => factor.levels[factor.codes[t]]).join(":");
    const level = index.get(label);
    if (level !== undefined) {
      refs[t] = level;
      continue;
    }
    let k = unseenIndex.get(label);
    if (k === undefined) {
      k = unseen.length;
      unseenIndex.set(label, k);
      unseen.push(label);
    }
    refs[t] = -1 - k;
  }
  return { group: reterm.group, s, z, refs, unseenLevels: unseen };
}

function checkColumnNames(
  columns: readonly (DesignColumn | string)[],
  expected: readonly string[],
  what: string,
): void {
  const names = columns.map((column) => (typeof column === "string" ? column : column.name));
  if (names.length !== expected.length || names.some((name, i) => name !== expected[i])) {
    throw new ModelError(
      `the ${what} columns on new data (${names.join(", ")}) differ from the model's (${expected.join(", ")})`,
    );
  }
}
