import type { SqlDesign, SqlRandomTerm } from "./sql-design";
import { quoteIdentifier } from "./sql-expression";

/**
 * The queries that compute every block of A = [Z X y]ᵀW[Z X y], in plain SQL (SQL:1999 WITH,
 * GROUP BY, SUM, COUNT, MIN, MAX, CASE, CAST, LN): one scan each, nothing but sums leaves the
 * database. Result columns are named positionally (`x3_y`, `z0_1`, ...) so a reader can find
 * them without parsing names.
 */
export interface CrossProductQueries {
  /** One row: n, Σw, Σ log w, min/max of each X column, [X y]ᵀW[X y] (lower triangle). */
  readonly fixed: string;
  /** Per bar term (formula order): one row per level: keys, count, ZᵢᵀWZᵢ and [X y]ᵀWZᵢ. */
  readonly terms: readonly string[];
  /** Per pair of bar terms a < b (formula order): one row per co-occurring level pair. */
  readonly pairs: readonly { readonly a: number; readonly b: number; readonly sql: string }[];
}

/** Column names of the design table the queries read. */
export const designNames = {
  x: (c: number) => `x${c}`,
  y: "y",
  w: "w",
  key: (term: number, k: number) => `g${term}_${k}`,
  z: (term: number, r: number) => `z${term}_${r}`,
};

/**
 * The design as a common table expression: one row per complete source row with the columns of
 * [X y], the weight, the grouping keys and each term's z columns.
 */
function designTable(design: SqlDesign, source: string): string {
  const items: string[] = [];
  for (const [c, column] of design.fixed.entries())
    items.push(`${column.sql} AS ${designNames.x(c)}`);
  items.push(`${design.response} AS ${designNames.y}`);
  items.push(`${design.weight ?? "1.0"} AS ${designNames.w}`);
  design.random.forEach((term, i) => {
    for (const [k, key] of term.keys.entries()) {
      items.push(`${quoteIdentifier(key)} AS ${designNames.key(i, k)}`);
    }
    for (const [r, column] of term.columns.entries()) {
      items.push(`${column.sql} AS ${designNames.z(i, r)}`);
    }
  });
  return `WITH design AS (\n  SELECT ${items.join(",\n    ")}\n  FROM ${source}\n  WHERE ${design.complete}\n)`;
}

/** A weighted product sum; the weight is left out of unweighted designs to save a multiply. */
function product(design: SqlDesign, ...factors: string[]): string {
  const all = design.weight === null ? factors : [designNames.w, ...factors];
  return `SUM(${all.join(" * ")})`;
}

/** [X y]'s columns in the design table: x0 … x(p−1), then y. */
function fixedNames(design: SqlDesign): string[] {
  return [...design.fixed.map((_, c) => designNames.x(c)), designNames.y];
}

function termKeys(term: SqlRandomTerm, i: number): string[] {
  return term.keys.map((_, k) => designNames.key(i, k));
}

/**
 * The cross-product queries of a design over `source` (a table name, or any table expression
 * the engine accepts in FROM, such as `read_parquet('data/*.parquet')` on DuckDB).
 */
export function crossProductQueries(design: SqlDesign, source: string): CrossProductQueries {
  const head = designTable(design, source);
  const xy = fixedNames(design);
  const m = xy.length;
  const fixedItems = ["COUNT(*) AS n", `SUM(${designNames.w}) AS w_sum`];
  // LN only of positive weights, so a bad weight reaches the w_min check instead of a SQL error.
  fixedItems.push(
    design.weight === null
      ? "0.0 AS log_w_sum"
      : `SUM(CASE WHEN ${designNames.w} > 0.0 THEN LN(${designNames.w}) ELSE 0.0 END) AS log_w_sum`,
  );
  fixedItems.push(`MIN(${designNames.w}) AS w_min`);
  design.fixed.forEach((_, c) => {
    fixedItems.push(`MIN(${designNames.x(c)}) AS min_${c}`, `MAX(${designNames.x(c)}) AS max_${c}`);
  });
  fixedItems.push(`MIN(${designNames.y}) AS y_min`, `MAX(${designNames.y}) AS y_max`);
  for (let c = 0; c < m; c++) {
    for (let r = c; r < m; r++) fixedItems.push(`${product(design, xy[r], xy[c])} AS g_${r}_${c}`);
  }
  const fixed = `${head}\nSELECT ${fixedItems.join(",\n  ")}\nFROM design`;

  const terms = design.random.map((term, i) => {
    const keys = termKeys(term, i);
    const s = term.columns.length;
    const items = [...keys, "COUNT(*) AS n"];
    for (let c = 0; c < s; c++) {
      for (let r = c; r < s; r++) {
        items.push(`${product(design, designNames.z(i, r), designNames.z(i, c))} AS d_${r}_${c}`);
      }
    }
    for (let c = 0; c < s; c++) {
      for (let r = 0; r < m; r++) {
        items.push(`${product(design, xy[r], designNames.z(i, c))} AS f_${r}_${c}`);
      }
    }
    return `${head}\nSELECT ${items.join(",\n  ")}\nFROM design\nGROUP BY ${keys.join(", ")}`;
  });

  const pairs: { a: number; b: number; sql: string }[] = [];
  design.random.forEach((termB, b) => {
    for (let a = 0; a < b; a++) {
      const termA = design.random[a];
      const keys = [...termKeys(termA, a), ...termKeys(termB, b)];
      const items = [...keys];
      for (let c = 0; c < termB.columns.length; c++) {
        for (let r = 0; r < termA.columns.length; r++) {
          items.push(`${product(design, designNames.z(a, r), designNames.z(b, c))} AS p_${r}_${c}`);
        }
      }
      pairs.push({
        a,
        b,
        sql: `${head}\nSELECT ${items.join(",\n  ")}\nFROM design\nGROUP BY ${keys.join(", ")}`,
      });
    }
  });
  return { fixed, terms, pairs };
}

/** Every query as one SQL text, statements separated by semicolons. */
export function queriesText(queries: CrossProductQueries): string {
  return `${[queries.fixed, ...queries.terms, ...queries.pairs.map((pair) => pair.sql)].join(";\n\n")};\n`;
}
