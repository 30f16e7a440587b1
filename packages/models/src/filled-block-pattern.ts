import type { Block } from "@mixedmodels/linalg";

/**
 * The lower-triangle pattern (CSC, rows ascending, each column starting with its diagonal) of a
 * filled-in diagonal block of L of order n for a term with s columns per level: its s×s level
 * blocks, plus every pair of rows that share a column of one of the blocks left of it in its
 * block row (`sources`: sparse or diagonal), which is where Σ L[j,i]·L[j,i]ᵀ lands.
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
  // For each row of the block: the stacked source columns holding it, and where in each.
  const rowPtr = new Int32Array(n + 1);
  for (let p = 0; p < stackedEntries; p++) rowPtr[sourceRows[p] + 1]++;
  for (let r = 0; r < n; r++) rowPtr[r + 1] += rowPtr[r];
  const columnsOfRow = new Int32Array(stackedEntries);
  const positionInColumn = new Int32Array(stackedEntries);
  const next = rowPtr.slice(0, n);
  for (let c = 0; c < stackedColumns; c++) {
    for (let p = sourcePtr[c]; p < sourcePtr[c + 1]; p++) {
      const k = next[sourceRows[p]]++;
      columnsOfRow[k] = c;
      positionInColumn[k] = p;
    }
  }
  return collectPattern(n, s, { sourcePtr, sourceRows, rowPtr, columnsOfRow, positionInColumn });
}

/** The source columns' row sets as bitsets take at most this many 32-bit words (64 MB). */
const COLUMN_BITSET_WORDS = 2 ** 24;

interface StackedSources {
  readonly sourcePtr: Int32Array;
  readonly sourceRows: Int32Array;
  readonly rowPtr: Int32Array;
  readonly columnsOfRow: Int32Array;
  readonly positionInColumn: Int32Array;
}

/**
 * Column j of the pattern is its level block's rows from j on, and the rows below j of every
 * source column holding row j. They are gathered in a bitset of the block's rows, so they come
 * out ascending and without duplicates (no marks, no sort): from a source column either its rows
 * after j one by one, or, when that is more work, its bitset's words OR-ed in (the rows above j
 * this brings in are masked off). A crossed model's large block (MovieLens' items: Σ d² = 4·10⁸
 * row visits) takes a word-wise pass instead.
 */
function collectPattern(
  n: number,
  s: number,
  sources: StackedSources,
): { colPtr: Int32Array; rowIdx: Int32Array } {
  const { sourcePtr, sourceRows, rowPtr, columnsOfRow, positionInColumn } = sources;
  const words = (n + 31) >>> 5;
  const sourceColumns = sourcePtr.length - 1;
  const bits = sourceColumns * words <= COLUMN_BITSET_WORDS ? columnBitsets(sources, words) : null;
  const gathered = new Uint32Array(words);
  const colPtr = new Int32Array(n + 1);
  let rows = new Int32Array(Math.max(16, 4 * n));
  let count = 0;
  for (let column = 0; column < n; column++) {
    // At most n − column rows: grow once here rather than per entry.
    if (rows.length - count < n - column) {
      const grown = new Int32Array(Math.max(2 * rows.length, count + n - column));
      grown.set(rows.subarray(0, count));
      rows = grown;
    }
    const first = column >>> 5;
    const levelEnd = column - (column % s) + s;
    for (let row = column; row < levelEnd; row++) gathered[row >>> 5] |= 1 << (row & 31);
    let last = (levelEnd - 1) >>> 5;
    for (let k = rowPtr[column]; k < rowPtr[column + 1]; k++) {
      const c = columnsOfRow[k];
      const end = sourcePtr[c + 1];
      const after = positionInColumn[k] + 1;
      if (after === end) continue;
      const top = sourceRows[end - 1] >>> 5;
      if (top > last) last = top;
      if (bits !== null && end - after > top - first + 1) {
        const base = c * words;
        for (let w = first; w <= top; w++) gathered[w] |= bits[base + w];
      } else {
        for (let p = after; p < end; p++) {
          const row = sourceRows[p];
          gathered[row >>> 5] |= 1 << (row & 31);
        }
      }
    }
    // The words OR-ed in may hold rows above the column (its own word only).
    gathered[first] &= ~((1 << (column & 31)) - 1);
    for (let w = first; w <= last; w++) {
      let word = gathered[w];
      gathered[w] = 0;
      while (word !== 0) {
        const low = word & -word;
        rows[count++] = (w << 5) + 31 - Math.clz32(low);
        word ^= low;
      }
    }
    colPtr[column + 1] = count;
  }
  return { colPtr, rowIdx: rows.slice(0, count) };
}

/** Each source column's rows as a bitset of `words` words, column after column. */
function columnBitsets(sources: StackedSources, words: number): Uint32Array {
  const { sourcePtr, sourceRows } = sources;
  const columns = sourcePtr.length - 1;
  const bits = new Uint32Array(columns * words);
  for (let c = 0; c < columns; c++) {
    const base = c * words;
    for (let p = sourcePtr[c]; p < sourcePtr[c + 1]; p++) {
      const row = sourceRows[p];
      bits[base + (row >>> 5)] |= 1 << (row & 31);
    }
  }
  return bits;
}
