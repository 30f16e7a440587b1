import type { FixedEffectsMatrix } from "../types";
import { classesFromCodes, writeColumnFromClasses } from "./code-classes";
import { type DesignColumn, writeDesignColumn } from "./design-columns";
import { equalRowsLimit, independentColumnsAndClasses } from "./fixed-effects-rank";

/**
 * Fills X (n×p, column-major) from its design columns, then keeps a linearly independent subset
 * (see `independentColumns`); the dropped columns are named in `aliased`. X's classes of equal
 * rows, when the rank check found them, come along as `rowClasses`.
 */
export function fixedEffectsMatrix(
  columns: readonly DesignColumn[],
  n: number,
): FixedEffectsMatrix {
  const p = columns.length;
  const full = new Float64Array(n * p);
  // A design of factors only: its classes of equal rows from the codes, and X written from them.
  const known = p === 0 ? null : classesFromCodes(columns, n, equalRowsLimit(n));
  columns.forEach((column, j) => {
    if (known === null) writeDesignColumn(column, n, full, j * n, 1);
    else writeColumnFromClasses(column, known, n, full, j * n);
  });
  const { kept, classes } = independentColumnsAndClasses(full, n, p, known);
  const allNames = columns.map((column) => column.name);
  let data = full;
  if (kept.length < p) {
    data = new Float64Array(n * kept.length);
    kept.forEach((j, k) => {
      data.set(full.subarray(j * n, (j + 1) * n), k * n);
    });
  }
  const keptSet = new Set(kept);
  return {
    n,
    p: kept.length,
    data,
    names: Array.from(kept, (j) => allNames[j]),
    allNames,
    kept,
    aliased: allNames.filter((_, j) => !keptSet.has(j)),
    mixedModelsNames: columns.map((column) => column.mixedModelsName),
    assign: Int32Array.from(columns, (column) => column.term),
    // Classes of equal rows of all columns are classes of equal rows of the kept ones.
    ...(classes === null ? {} : { rowClasses: { ...classes, data } }),
  };
}
