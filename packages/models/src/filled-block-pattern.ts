import type { Block } from "@mixedmodels/linalg";

/**
 * The lower-triangle pattern (CSC, rows ascending, each column starting with its diagonal) of a
 * filled-in diagonal block of L of order n for a term with s columns per level: its s×s level
 * blocks, plus every pair of rows that share a column of one of the blocks left of it in its
 * block row (`sources`: sparse or diagonal), which is where Σ L[j,i]·L[j,i]ᵀ lands. Costs one
 * pass over those pairs.
 */
export function filledBlockPattern(
  n: number,
  s: number,
  sources: readonly Block[],
): { colPtr: Int32Array; rowIdx: Int32Array } {
  // The sparse sources side by side, as one CSC matrix (diagonal ones add nothing off the
  // diagonal).
  let stackedColumns = 0;
  let stackedEntries = 0;
  for (const source of sources) {
    if (source.kind === "sparse-csc") {
      stackedColumns += source.cols;
      stackedEntries += source.colPtr[source.cols];
    }
  }
  const sourcePtr = new Int32Array(stackedColumns + 1);
  const sourceRows = new Int32Array(stackedEntries);
  let column = 0;
  for (const source of sources) {
    if (source.kind !== "sparse-csc") continue;
    const base = sourcePtr[column];
    sourceRows.set(source.rowIdx.subarray(0, source.colPtr[source.cols]), base);
    for (let c = 0; c < source.cols; c++) sourcePtr[column + c + 1] = base + source.colPtr[c + 1];
    column += source.cols;
  }
  // For each row of the block: the stacked source columns holding it.
  const rowPtr = new Int32Array(n + 1);
  for (let p = 0; p < stackedEntries; p++) rowPtr[sourceRows[p] + 1]++;
  for (let r = 0; r < n; r++) rowPtr[r + 1] += rowPtr[r];
  const columnsOfRow = new Int32Array(stackedEntries);
  const next = rowPtr.slice(0, n);
  for (let c = 0; c < stackedColumns; c++) {
    for (let p = sourcePtr[c]; p < sourcePtr[c + 1]; p++) columnsOfRow[next[sourceRows[p]]++] = c;
  }
  return collectPattern(n, s, sourcePtr, sourceRows, rowPtr, columnsOfRow);
}

function collectPattern(
  n: number,
  s: number,
  sourcePtr: Int32Array,
  sourceRows: Int32Array,
  rowPtr: Int32Array,
  columnsOfRow: Int32Array,
): { colPtr: Int32Array; rowIdx: Int32Array } {
  const mark = new Int32Array(n).fill(-1);
  const colPtr = new Int32Array(n + 1);
  let rows = new Int32Array(Math.max(16, 4 * n));
  let count = 0;
  for (let column = 0; column < n; column++) {
    const start = count;
    // At most n − column new rows: grow once here rather than per entry.
    if (rows.length - count < n - column) {
      const grown = new Int32Array(Math.max(2 * rows.length, count + n - column));
      grown.set(rows.subarray(0, count));
      rows = grown;
    }
    const levelEnd = column - (column % s) + s;
    for (let row = column; row < levelEnd; row++) {
      mark[row] = column;
      rows[count++] = row;
    }
    for (let k = rowPtr[column]; k < rowPtr[column + 1]; k++) {
      const c = columnsOfRow[k];
      const end = sourcePtr[c + 1];
      for (let p = sourcePtr[c]; p < end; p++) {
        const row = sourceRows[p];
        if (row > column && mark[row] !== column) {
          mark[row] = column;
          rows[count++] = row;
        }
      }
    }
    rows.subarray(start, count).sort();
    colPtr[column + 1] = count;
  }
  return { colPtr, rowIdx: rows.slice(0, count) };
}
