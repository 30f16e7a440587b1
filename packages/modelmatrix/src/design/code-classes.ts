import type { DesignColumn } from "./design-columns";
import type { EqualRows } from "./equal-rows";

/** Combinations of levels above this many: the table of classes by combination is not worth it. */
const COMBINATION_LIMIT = 1 << 16;

/**
 * X's rows grouped by the levels of the factors its columns are built from, when every column
 * is a product of factors' contrast columns (or the intercept): two rows with the same levels of
 * every such factor are equal bit for bit, since each column's value is computed from the levels
 * alone. One pass over the codes instead of hashing and checking n·p values (`equalRows`), and a
 * partition into equal rows as `equalRows` gives it: classes in the order of their first rows,
 * so when different level combinations give different rows (InstEval's dept*service: 28
 * combinations, 28 distinct rows) the very same classes. It may be finer than `equalRows`'s
 * (two combinations with equal rows), which every consumer of the classes allows.
 * Null when a column has a numeric part, a code is outside its factor's levels, there are more
 * than `limit` classes or the level combinations are too many to tabulate.
 */
export function classesFromCodes(
  columns: readonly DesignColumn[],
  n: number,
  limit: number,
): EqualRows | null {
  const codeArrays: Int32Array[] = [];
  const levelCounts: number[] = [];
  for (const column of columns) {
    for (const part of column.parts) {
      if (part.kind !== "categorical") return null;
      if (!codeArrays.includes(part.codes)) {
        if (part.codes.length < n) return null;
        codeArrays.push(part.codes);
        levelCounts.push(part.weights.length);
      }
    }
  }
  let combinations = 1;
  for (const levels of levelCounts) {
    combinations *= levels;
    if (combinations > COMBINATION_LIMIT) return null;
  }
  const key = new Int32Array(n);
  let stride = 1;
  for (let f = 0; f < codeArrays.length; f++) {
    const codes = codeArrays[f];
    const levels = levelCounts[f];
    for (let t = 0; t < n; t++) {
      const code = codes[t];
      if (!(code >= 0 && code < levels)) return null;
      key[t] += code * stride;
    }
    stride *= levels;
  }
  // combination → class + 1 (0: not seen yet)
  const classOfKey = new Int32Array(combinations);
  const first = new Int32Array(Math.min(limit, combinations));
  const counts = new Float64Array(first.length);
  const classOf = key;
  let classes = 0;
  for (let t = 0; t < n; t++) {
    let found = classOfKey[key[t]] - 1;
    if (found < 0) {
      if (classes === first.length) return null;
      found = classes++;
      classOfKey[key[t]] = found + 1;
      first[found] = t;
    }
    classOf[t] = found;
    counts[found]++;
  }
  return { representatives: first.slice(0, classes), counts: counts.slice(0, classes), classOf };
}

/**
 * Column `column` of X written from the classes: its value on each class's first row, computed
 * as `writeDesignColumn` computes it (the first part set, the others multiplied in, in order, so
 * the same bits), gathered for every row.
 */
export function writeColumnFromClasses(
  column: DesignColumn,
  classes: EqualRows,
  n: number,
  target: Float64Array,
  offset: number,
): void {
  const { representatives, classOf } = classes;
  const values = new Float64Array(representatives.length);
  for (let k = 0; k < representatives.length; k++) {
    const t = representatives[k];
    let value = 1;
    column.parts.forEach((part, index) => {
      // Only categorical parts reach here (see classesFromCodes).
      const factor = part.kind === "categorical" ? part.weights[part.codes[t]] : Number.NaN;
      value = index === 0 ? factor : value * factor;
    });
    values[k] = value;
  }
  for (let t = 0; t < n; t++) target[offset + t] = values[classOf[t]];
}
