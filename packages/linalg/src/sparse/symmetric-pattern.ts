import { DataError, DimensionMismatchError } from "@mixedmodels/core";

/**
 * Checks a lower-triangular CSC pattern (colPtr length n+1, non-decreasing, starting at 0; every
 * row index in [column, n)). Throws DimensionMismatchError or DataError naming the column and
 * position of the first problem.
 */
export function validateLowerPattern(n: number, colPtr: Int32Array, rowIdx: Int32Array): void {
  if (!Number.isInteger(n) || n < 0)
    throw new DimensionMismatchError(`matrix order must be a non-negative integer, got ${n}`);
  if (colPtr.length !== n + 1) {
    throw new DimensionMismatchError(
      `colPtr has length ${colPtr.length}, expected n + 1 = ${n + 1}`,
    );
  }
  if (colPtr[0] !== 0) throw new DataError(`colPtr[0] must be 0, got ${colPtr[0]}`);
  if (colPtr[n] > rowIdx.length) {
    throw new DimensionMismatchError(
      `colPtr[n] = ${colPtr[n]} exceeds rowIdx length ${rowIdx.length}`,
    );
  }
  for (let j = 0; j < n; j++) {
    if (colPtr[j + 1] < colPtr[j]) throw new DataError(`colPtr decreases at column ${j}`);
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      const i = rowIdx[p];
      if (!(i >= j && i < n)) {
        throw new DataError(
          `row index ${i} at position ${p} of column ${j} is outside the lower triangle [${j}, ${n})`,
        );
      }
    }
  }
}

/**
 * The strict upper triangle of P·A·Pᵀ by columns, from the lower triangle of A:
 * entry (i, j) of A lands at (inverse[i], inverse[j]) and is stored in the column of the larger
 * index. Diagonal entries are dropped; duplicates are kept (harmless for the tree algorithms).
 */
export function permutedUpperPattern(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  inverse: Int32Array,
): { upperPtr: Int32Array; upperIdx: Int32Array } {
  const upperPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      const i = rowIdx[p];
      if (i === j) continue;
      upperPtr[Math.max(inverse[i], inverse[j]) + 1]++;
    }
  }
  for (let k = 0; k < n; k++) upperPtr[k + 1] += upperPtr[k];
  const next = upperPtr.slice(0, n);
  const upperIdx = new Int32Array(upperPtr[n]);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      const i = rowIdx[p];
      if (i === j) continue;
      const a = inverse[i];
      const b = inverse[j];
      upperIdx[next[Math.max(a, b)]++] = Math.min(a, b);
    }
  }
  return { upperPtr, upperIdx };
}
