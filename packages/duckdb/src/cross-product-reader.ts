import { DataError, ModelError } from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";
import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import type { CrossProductSums, LevelPairSums } from "@mixedmodels/models";
import type { CrossProductQueries } from "./cross-product-sql";
import type { CellValue, DuckDBRunner } from "./duckdb-runner";
import { orderedLevels } from "./source-schema";
import type { SqlDesign, SqlRandomTerm } from "./sql-design";

/** One bar term's per-level sums, levels in the in-memory order. */
interface TermSums {
  readonly term: SqlRandomTerm;
  readonly levels: string[];
  /** Level index by the GROUP BY key (its labels joined by a separator no label holds). */
  readonly index: Map<string, number>;
  readonly diagonal: Float64Array;
  readonly fixed: Float64Array;
}

const KEY_SEPARATOR = "\u0000";

/** The label of a grouping value, as `modelmatrix` labels levels (numbers as `String` prints them). */
function label(value: CellValue): string {
  return String(value);
}

/**
 * Run the cross-product queries and gather their sums into the models layer's shapes, with the
 * parts that describe the model (names, levels, term order) and hold no rows.
 * @throws DataError / ModelError with the in-memory path's checks and messages
 */
export async function readCrossProducts(
  runner: DuckDBRunner,
  formula: ParsedFormula,
  design: SqlDesign,
  queries: CrossProductQueries,
  options: { readonly levels?: Readonly<Record<string, readonly string[]>> },
): Promise<{ parts: ModelParts; sums: CrossProductSums }> {
  const p = design.fixed.length;
  const m = p + 1;
  const [fixedRow] = await runner.rows(queries.fixed);
  const value = (at: number) => Number(fixedRow[at] ?? Number.NaN);
  const n = value(0);
  if (!(n > 0)) {
    throw new DataError("no rows left: each row has a missing value in a variable the model uses");
  }
  if (design.weightName !== null && !(value(3) > 0)) {
    throw new DataError(
      `weights column '${design.weightName}' has the value ${value(3)}; weights must be positive and finite`,
      { column: design.weightName },
    );
  }
  const columnMin = new Float64Array(p);
  const columnMax = new Float64Array(p);
  for (let c = 0; c < p; c++) {
    columnMin[c] = value(4 + 2 * c);
    columnMax[c] = value(5 + 2 * c);
  }
  const yMin = value(4 + 2 * p);
  for (let c = 0; c <= p; c++) {
    const name = c < p ? design.fixed[c].name : design.responseName;
    checkFinite(c < p ? "the fixed-effects column" : "the response", name, [
      value(4 + 2 * c),
      value(5 + 2 * c),
    ]);
  }
  if (yMin === value(5 + 2 * p)) {
    throw new DataError(
      `the response '${design.responseName}' is constant (${yMin}) in all ${n} rows used; there is no variation to model`,
      { column: design.responseName },
    );
  }
  const fixedGram = new Float64Array(m * m);
  let at = 6 + 2 * p;
  for (let c = 0; c < m; c++) {
    for (let r = c; r < m; r++) {
      fixedGram[r + c * m] = value(at);
      fixedGram[c + r * m] = value(at++);
    }
  }

  const termSums: TermSums[] = [];
  for (let i = 0; i < design.random.length; i++) {
    termSums.push(await readTerm(runner, queries.terms[i], design.random[i], m, options.levels));
  }
  // lme4's identifiability checks, as buildModelParts makes them (same messages).
  for (const { term, levels } of termSums) {
    for (const [k, size] of term.blockSizes.entries()) {
      checkBar(term.labels[k], size, levels.length, n, formula);
    }
  }
  // Sorted by ℓ·s, descending and stable, as modelmatrix sorts its terms.
  const order = termSums
    .map((sums, index) => ({ sums, index }))
    .sort(
      (a, b) =>
        b.sums.levels.length * b.sums.term.columns.length -
          a.sums.levels.length * a.sums.term.columns.length || a.index - b.index,
    );
  const rank = new Int32Array(order.length);
  order.forEach((entry, position) => {
    rank[entry.index] = position;
  });
  const termPairs: LevelPairSums[] = new Array((order.length * (order.length - 1)) / 2);
  for (const pair of queries.pairs) {
    const sums = await readPair(
      runner,
      pair.sql,
      termSums[pair.a],
      termSums[pair.b],
      rank[pair.a] > rank[pair.b],
    );
    const i = Math.max(rank[pair.a], rank[pair.b]);
    const j = Math.min(rank[pair.a], rank[pair.b]);
    termPairs[(i * (i - 1)) / 2 + j] = sums;
  }
  const sorted = order.map((entry) => entry.sums);
  const reterms: RandomEffectsMatrix[] = sorted.map(({ term, levels }) => ({
    group: term.group,
    levels,
    refs: new Int32Array(0),
    s: term.columns.length,
    columnNames: term.columns.map((column) => column.name),
    mixedModelsColumnNames: term.columns.map((column) => column.mixedModelsName),
    z: new Float64Array(0),
    thetaRows: term.thetaRows,
    thetaCols: term.thetaCols,
    diagonal: term.diagonal,
    blockSizes: term.blockSizes,
    labels: term.labels,
  }));
  const names = design.fixed.map((column) => column.name);
  const parts: ModelParts = {
    formula,
    n,
    responseName: design.responseName,
    y: new Float64Array(0),
    X: {
      n,
      p,
      data: new Float64Array(0),
      names,
      allNames: names,
      kept: Int32Array.from(names, (_, c) => c),
      aliased: [],
      mixedModelsNames: design.fixed.map((column) => column.mixedModelsName),
      assign: Int32Array.from(design.fixed, (column) => column.term),
    },
    reterms,
    weights: null,
    offset: null,
    droppedRows: new Int32Array(0),
    table: { nrow: 0, names: [], columns: {} },
  };
  return {
    parts,
    sums: {
      n,
      weightSum: value(1),
      logWeightSum: value(2),
      termDiagonal: sorted.map((sums) => sums.diagonal),
      termPairs,
      fixedByTerm: sorted.map((sums) => sums.fixed),
      fixedGram,
      columnMin,
      columnMax,
    },
  };
}

/** One term's per-level rows: keys, count, the lower triangle of ZᵀWZ, then [X y]ᵀWZ. */
async function readTerm(
  runner: DuckDBRunner,
  sql: string,
  term: SqlRandomTerm,
  m: number,
  explicitLevels: Readonly<Record<string, readonly string[]>> | undefined,
): Promise<TermSums> {
  const keyCount = term.keys.length;
  const s = term.columns.length;
  const rows: CellValue[][] = await runner.rows(sql);
  // Each grouping variable's own level order; an interaction's levels are the combinations that
  // occur, in lexicographic order of those (R's interaction(drop = TRUE, lex.order = TRUE)).
  const componentOrder = term.keys.map((key, k) => {
    const order = orderedLevels(
      key,
      rows.map((row) => label(row[k])),
      explicitLevels?.[key],
    );
    return new Map(order.map((level, index) => [level, index] as const));
  });
  const labelled = rows.map((row) => {
    const labels = row.slice(0, keyCount).map(label);
    return { row, labels, ranks: labels.map((text, k) => componentOrder[k].get(text) as number) };
  });
  labelled.sort((a, b) => {
    for (let k = 0; k < keyCount; k++)
      if (a.ranks[k] !== b.ranks[k]) return a.ranks[k] - b.ranks[k];
    return 0;
  });
  const levels = labelled.map((entry) => entry.labels.join(":"));
  const index = new Map(
    labelled.map((entry, level) => [entry.labels.join(KEY_SEPARATOR), level] as const),
  );
  const diagonal = new Float64Array(levels.length * s * s);
  const fixed = new Float64Array(m * levels.length * s);
  labelled.forEach(({ row }, level) => {
    let at = keyCount + 1;
    for (let c = 0; c < s; c++) {
      for (let r = c; r < s; r++) {
        const sum = Number(row[at++]);
        if (r === c && !Number.isFinite(sum)) {
          const column = term.columns[c].name;
          checkFinite(`the random-effects column '${column}' of`, term.group, [sum]);
        }
        diagonal[level * s * s + r + c * s] = sum;
        diagonal[level * s * s + c + r * s] = sum;
      }
    }
    for (let c = 0; c < s; c++) {
      for (let r = 0; r < m; r++) fixed[r + (level * s + c) * m] = Number(row[at++]);
    }
  });
  return { term, levels, index, diagonal, fixed };
}

/**
 * One pair query's rows as level pairs of the sorted terms: rows are levels of the later term
 * (`aIsRow`: term a is later), each pair's block s_row×s_col column-major.
 */
async function readPair(
  runner: DuckDBRunner,
  sql: string,
  a: TermSums,
  b: TermSums,
  aIsRow: boolean,
): Promise<LevelPairSums> {
  const keysA = a.term.keys.length;
  const keysB = b.term.keys.length;
  const sa = a.term.columns.length;
  const sb = b.term.columns.length;
  const rowLevels: number[] = [];
  const colLevels: number[] = [];
  const values: number[] = [];
  await runner.forEachChunk(sql, (columns, count) => {
    for (let t = 0; t < count; t++) {
      const keyOf = (from: number, length: number) =>
        Array.from({ length }, (_, k) => label(columns[from + k][t])).join(KEY_SEPARATOR);
      const levelA = a.index.get(keyOf(0, keysA));
      const levelB = b.index.get(keyOf(keysA, keysB));
      if (levelA === undefined || levelB === undefined) {
        throw new ModelError("a level pair names a level its term query did not return");
      }
      rowLevels.push(aIsRow ? levelA : levelB);
      colLevels.push(aIsRow ? levelB : levelA);
      const base = values.length;
      for (let v = 0; v < sa * sb; v++) values.push(0);
      // Column p_r_c holds Σ w·z_a,r·z_b,c.
      for (let c = 0; c < sb; c++) {
        for (let r = 0; r < sa; r++) {
          const sum = Number(columns[keysA + keysB + r + c * sa][t]);
          values[base + (aIsRow ? r + c * sa : c + r * sb)] = sum;
        }
      }
    }
  });
  return {
    rowLevels: Int32Array.from(rowLevels),
    colLevels: Int32Array.from(colLevels),
    values: Float64Array.from(values),
  };
}

/**
 * NaN is missing (the complete-rows predicate drops it), but ±∞ reaches the sums: refused as in
 * memory. The minimum and maximum of a column over the used rows are finite exactly when every
 * value is (NaN from ∞·0 in a product column sorts above +∞ in DuckDB, so it shows in the maximum).
 */
function checkFinite(what: string, name: string, extremes: readonly number[]): void {
  const bad = extremes.find((extreme) => !Number.isFinite(extreme));
  if (bad === undefined) return;
  throw new DataError(
    `${what} '${name}' is ${bad} in some row used; values used in a model must be finite (use NaN or null for a missing value)`,
    { column: name },
  );
}

/** buildModelParts' checks of one bar term (lme4's for lmer), with its messages. */
function checkBar(
  label: string,
  s: number,
  levels: number,
  n: number,
  formula: ParsedFormula,
): void {
  const grouping = formula.random.find((bar) => bar.label === label)?.groupingLabel ?? label;
  if (levels < 2) {
    throw new ModelError(
      `grouping factor '${grouping}' of ${label} has ${levels} level${levels === 1 ? "" : "s"} in the rows used; a random-effects term needs at least 2`,
      { term: label },
    );
  }
  if (levels >= n) {
    throw new ModelError(
      `grouping factor '${grouping}' of ${label} has ${levels} levels for ${n} observations; the number of levels must be less than the number of observations, or its variance cannot be told apart from the residual variance`,
      { term: label },
    );
  }
  if (n <= levels * s) {
    throw new ModelError(
      `${label} has ${levels * s} random effects (${levels} levels × ${s} columns) for ${n} observations; with no more observations than random effects the variance parameters are not identifiable`,
      { term: label },
    );
  }
}
