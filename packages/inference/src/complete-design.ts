import type { Term } from "@mixedmodels/formula";
import type { ModelParts } from "@mixedmodels/modelmatrix";

/**
 * lmerTest's "rank-deficient design matrix" (`get_rdX`): the intercept, then for every fixed
 * term the columns of `~ 0 + term`, every factor in full dummy coding (one indicator per level
 * that occurs in the rows used), times the term's numeric variables. A factor combination with
 * no rows is a zero column, which is how lmerTest finds empty cells.
 */
export interface CompleteDesign {
  /** Rows (the model's n) and columns. */
  readonly n: number;
  readonly columns: number;
  /**
   * The columns by block (the intercept, then one block per term): each row has one nonzero per
   * block, in column `offset + cell[t]` with value `value[t]` (the product of the term's numeric
   * variables, 1 without any), so R is held sparse: n·(terms + 1) numbers, not n·columns.
   */
  readonly blocks: readonly DesignBlock[];
  /** lme4-style names: `(Intercept)`, `recipeA`, `recipeA:temperature175`, `x`, `x:gB`. */
  readonly names: readonly string[];
  /** Names of the columns without rows (empty cells). */
  readonly empty: readonly string[];
}

export interface DesignBlock {
  readonly offset: number;
  readonly cell: Int32Array;
  readonly value: Float64Array;
}

interface FactorColumn {
  readonly label: string;
  /** Per used row: the level index (categorical) or the value (numeric). */
  readonly codes: Int32Array | null;
  readonly values: Float64Array | null;
  readonly levels: readonly string[];
}

/**
 * The complete design on the model's rows, or null when some term factor is not a plain column
 * of the table (a transform such as `log(x)`, `poly(x, 2)`, `factor(x)`, or `fulldummy(f)`),
 * whose values only `modelmatrix` evaluates; the caller then uses another route.
 */
export function completeDesign(parts: ModelParts): CompleteDesign | null {
  const rows = usedRows(parts);
  const n = rows.length;
  if (n !== parts.n) return null;
  const factors = new Map<string, FactorColumn>();
  for (const term of parts.formula.fixed) {
    for (const factor of term.factors) {
      if (factor.fulldummy || factor.expr.kind !== "variable") return null;
      if (factors.has(factor.label)) continue;
      const column = Object.hasOwn(parts.table.columns, factor.expr.name)
        ? parts.table.columns[factor.expr.name]
        : undefined;
      if (column === undefined) return null;
      if (column.kind === "numeric") {
        const values = new Float64Array(n);
        for (let t = 0; t < n; t++) values[t] = column.values[rows[t]];
        factors.set(factor.label, { label: factor.label, codes: null, values, levels: [] });
      } else {
        // The levels that occur in the rows used, in the column's order (as the model's).
        const map = new Int32Array(column.levels.length).fill(-1);
        for (let t = 0; t < n; t++) map[column.codes[rows[t]]] = 0;
        const levels: string[] = [];
        map.forEach((used, level) => {
          if (used === 0) {
            map[level] = levels.length;
            levels.push(column.levels[level]);
          }
        });
        const codes = new Int32Array(n);
        for (let t = 0; t < n; t++) codes[t] = map[column.codes[rows[t]]];
        factors.set(factor.label, { label: factor.label, codes, values: null, levels });
      }
    }
  }
  const blocks: DesignBlock[] = [];
  const names: string[] = [];
  if (parts.formula.intercept) {
    blocks.push({ offset: 0, cell: new Int32Array(n), value: new Float64Array(n).fill(1) });
    names.push("(Intercept)");
  }
  for (const term of parts.formula.fixed) {
    const block = termBlock(term, factors, n, names.length);
    blocks.push(block);
    names.push(...block.names);
  }
  const nonzero = new Uint8Array(names.length);
  for (const { offset, cell, value } of blocks)
    for (let t = 0; t < n; t++) if (value[t] !== 0) nonzero[offset + cell[t]] = 1;
  const empty = names.filter((_, j) => nonzero[j] === 0);
  return { n, columns: names.length, blocks, names, empty };
}

/** XᵀR (p×columns, column-major) from R's one nonzero per row and block. */
export function crossWithDesign(
  x: { readonly n: number; readonly p: number; readonly data: Float64Array },
  design: CompleteDesign,
): Float64Array {
  const { n, p, data } = x;
  const out = new Float64Array(p * design.columns);
  for (const { offset, cell, value } of design.blocks) {
    for (let k = 0; k < p; k++) {
      const column = data.subarray(k * n, (k + 1) * n);
      for (let t = 0; t < n; t++) out[k + (offset + cell[t]) * p] += column[t] * value[t];
    }
  }
  return out;
}

/** `~ 0 + term`: the level combinations of its factors (the first varying fastest, as R). */
function termBlock(
  term: Term,
  factors: ReadonlyMap<string, FactorColumn>,
  n: number,
  offset: number,
): DesignBlock & { names: string[] } {
  let names = [""];
  const cell = new Int32Array(n);
  const value = new Float64Array(n).fill(1);
  const join = (left: string, right: string) => (left === "" ? right : `${left}:${right}`);
  for (const factor of term.factors.map((f) => factors.get(f.label) as FactorColumn)) {
    if (factor.values !== null) {
      const values = factor.values;
      names = names.map((name) => join(name, factor.label));
      for (let t = 0; t < n; t++) value[t] *= values[t];
      continue;
    }
    const codes = factor.codes as Int32Array;
    const previous = names.length;
    const next: string[] = [];
    for (const level of factor.levels) {
      for (let j = 0; j < previous; j++) next.push(join(names[j], `${factor.label}${level}`));
    }
    for (let t = 0; t < n; t++) cell[t] += codes[t] * previous;
    names = next;
  }
  return { offset, cell, value, names };
}

/** Input rows the model used (all but `droppedRows`), increasing, as X's rows. */
function usedRows(parts: ModelParts): Int32Array {
  const dropped = new Uint8Array(parts.table.nrow);
  for (const row of parts.droppedRows) dropped[row] = 1;
  const rows = new Int32Array(parts.table.nrow - parts.droppedRows.length);
  for (let i = 0, r = 0; i < dropped.length; i++) if (dropped[i] === 0) rows[r++] = i;
  return rows;
}
