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
  // For each row of the block: the source columns holding it (sources stacked side by side).
  const rowCount = new Int32Array(n + 1);
  let stackedColumns = 0;
  for (const source of sources) {
    if (source.kind === "sparse-csc") {
      for (let p = 0; p < source.rowIdx.length; p++) rowCount[source.rowIdx[p] + 1]++;
      stackedColumns += source.cols;
    }
  }
  for (let r = 0; r < n; r++) rowCount[r + 1] += rowCount[r];
  const columnsOfRow = new Int32Array(rowCount[n]);
  const next = rowCount.slice(0, n);
  const sourceColumnPtr: Int32Array[] = [];
  const sourceRows: Int32Array[] = [];
  let columnBase = 0;
  for (const source of sources) {
    if (source.kind !== "sparse-csc") continue;
    for (let c = 0; c < source.cols; c++) {
      for (let p = source.colPtr[c]; p < source.colPtr[c + 1]; p++) {
        columnsOfRow[next[source.rowIdx[p]]++] = columnBase + c;
      }
    }
    sourceColumnPtr.push(source.colPtr);
    sourceRows.push(source.rowIdx);
    columnBase += source.cols;
  }
  const sourceOf = new Int32Array(stackedColumns);
  const localColumn = new Int32Array(stackedColumns);
  columnBase = 0;
  sourceColumnPtr.forEach((colPtr, index) => {
    const cols = colPtr.length - 1;
    sourceOf.fill(index, columnBase, columnBase + cols);
    for (let c = 0; c < cols; c++) localColumn[columnBase + c] = c;
    columnBase += cols;
  });

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
    const levelStart = column - (column % s);
    for (let row = column; row < levelStart + s; row++) {
      mark[row] = column;
      rows[count++] = row;
    }
    for (let k = rowCount[column]; k < rowCount[column + 1]; k++) {
      const stacked = columnsOfRow[k];
      const ptr = sourceColumnPtr[sourceOf[stacked]];
      const idx = sourceRows[sourceOf[stacked]];
      const c = localColumn[stacked];
      const end = ptr[c + 1];
      for (let p = ptr[c]; p < end; p++) {
        const row = idx[p];
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
