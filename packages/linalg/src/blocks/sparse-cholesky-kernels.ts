import { DimensionMismatchError, UnsupportedKernelError } from "@mixedmodels/core";
import { gemm } from "../dense/gemm";
import { trsm } from "../dense/trsm";
import { factorSparseCholesky } from "../sparse/sparse-cholesky-factor";
import {
  sparseCholeskyBackwardSolve,
  sparseCholeskyForwardSolve,
} from "../sparse/sparse-cholesky-solve";
import type {
  Block,
  DenseBlock,
  DiagonalBlock,
  SparseCholeskyBlock,
  SparseCscBlock,
  UniformBlockDiagonalBlock,
} from "./block-types";
import { createWasmRankUpdateByColumn } from "./wasm-block-kernels";

/** Rank updates with at least this many products run in the WebAssembly kernel. */
const WASM_MINIMUM_PRODUCTS = 1 << 16;

/*
 * The kernels of a `SparseCholeskyBlock` (a filled-in diagonal block factored by the supernodal
 * sparse Cholesky). Its `values` follow a lower pattern whose columns start with the diagonal,
 * so entry (c, c) is at colPtr[c].
 */

/** Factor the assembled values in place; −1 on success, else the failing row (block order). */
export function choleskySparseCholesky(block: Block): number {
  const { factor, values } = block as SparseCholeskyBlock;
  return factorSparseCholesky(factor, values);
}

/** values ← λᵀ·A_b·λ + I per level (A's diagonal block is Diagonal or block-diagonal). */
export function scaleInflateSparseCholesky(
  target: SparseCholeskyBlock,
  source: Block,
  lambda: Float64Array,
  s: number,
  work: Float64Array,
): void {
  const { colPtr, rowIdx, values } = target;
  values.fill(0);
  if (source.kind === "diagonal") {
    const l2 = lambda[0] * lambda[0];
    const a = source.values;
    for (let i = 0; i < a.length; i++) values[colPtr[i]] = l2 * a[i] + 1;
    return;
  }
  if (source.kind !== "uniform-block-diagonal") {
    throw new UnsupportedKernelError("scaleInflate", target.kind, source.kind);
  }
  for (let b = 0; b < source.count; b++) {
    congruenceLower(source, b, lambda, s, work);
    for (let c = 0; c < s; c++) {
      const column = b * s + c;
      // The level block's rows c … s−1 are the first entries of its column c.
      for (let r = c; r < s; r++) {
        const position = colPtr[column] + r - c;
        if (rowIdx[position] !== b * s + r) {
          throw new DimensionMismatchError(
            `scaleInflate: the sparse-cholesky pattern lacks entry (${b * s + r}, ${column})`,
          );
        }
        values[position] = work[r + c * s] + (r === c ? 1 : 0);
      }
    }
  }
}

/** work ← λᵀ·A_b·λ for level block b (lower part suffices). */
function congruenceLower(
  source: UniformBlockDiagonalBlock,
  b: number,
  lambda: Float64Array,
  s: number,
  work: Float64Array,
): void {
  const a = source.values;
  const offset = b * s * s;
  for (let c = 0; c < s; c++) {
    for (let r = c; r < s; r++) {
      let sum = 0;
      for (let i = r; i < s; i++) {
        const lir = lambda[i + r * s];
        if (lir === 0) continue;
        let inner = 0;
        for (let j = c; j < s; j++) inner += a[offset + i + j * s] * lambda[j + c * s];
        sum += lir * inner;
      }
      work[r + c * s] = sum;
    }
  }
}

/** target ← target − D² on the diagonal. */
export function rankUpdateSparseCholeskyFromDiagonal(target: Block, source: Block): void {
  const { colPtr, values } = target as SparseCholeskyBlock;
  const a = (source as DiagonalBlock).values;
  for (let i = 0; i < a.length; i++) values[colPtr[i]] -= a[i] * a[i];
}

/** Position of (row, col), row ≥ col, in the block's pattern, or −1. */
function findEntry(target: SparseCholeskyBlock, row: number, col: number): number {
  let lo = target.colPtr[col];
  let hi = target.colPtr[col + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = target.rowIdx[mid];
    if (r === row) return mid;
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The entries of S ordered by row (so the products of one target column come together): for
 * each, its position in S and the end of its column, so the products of entry e are
 * s_p·s_{entry[e]} for p = entry[e] … end[e] − 1 (rows ascend within a column); those of row j
 * are e = rowStart[j] … rowStart[j + 1] − 1.
 */
function entriesByRow(
  n: number,
  source: SparseCscBlock,
): { entry: Int32Array; end: Int32Array; rowStart: Int32Array } {
  const { cols, colPtr, rowIdx } = source;
  const nonzeros = colPtr[cols];
  const rowStart = new Int32Array(n + 1);
  for (let p = 0; p < nonzeros; p++) rowStart[rowIdx[p] + 1]++;
  for (let r = 0; r < n; r++) rowStart[r + 1] += rowStart[r];
  const next = rowStart.slice(0, n);
  const entry = new Int32Array(nonzeros);
  const end = new Int32Array(nonzeros);
  for (let c = 0; c < cols; c++) {
    for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
      const at = next[rowIdx[p]]++;
      entry[at] = p;
      end[at] = colPtr[c + 1];
    }
  }
  return { entry, end, rowStart };
}

/**
 * The position in the target's pattern of every product, in the order of `entriesByRow`:
 * products of entry e (row j) all land in column j, so one small row → position map per column
 * answers them, and the positions are written in order.
 * @throws DimensionMismatchError if the target's pattern misses one of them.
 */
function rankUpdatePositions(
  target: SparseCholeskyBlock,
  rowIdx: Int32Array,
  entry: Int32Array,
  end: Int32Array,
  positions: Int32Array,
): void {
  const { colPtr: targetPtr, rowIdx: targetRows } = target;
  const where = new Int32Array(target.rows).fill(-1);
  let k = 0;
  let column = -1;
  for (let e = 0; e < entry.length; e++) {
    const q = entry[e];
    const j = rowIdx[q];
    if (j !== column) {
      if (column >= 0) {
        for (let p = targetPtr[column]; p < targetPtr[column + 1]; p++) where[targetRows[p]] = -1;
      }
      column = j;
      for (let p = targetPtr[j]; p < targetPtr[j + 1]; p++) where[targetRows[p]] = p;
    }
    for (let p = q; p < end[e]; p++) {
      const position = where[rowIdx[p]];
      if (position < 0) {
        throw new DimensionMismatchError(
          `rankUpdate: the sparse-cholesky pattern lacks entry (${rowIdx[p]}, ${j})`,
        );
      }
      positions[k++] = position;
    }
  }
}

/** The error for the first product of entry q (rows q … end − 1 of its column) not in the pattern. */
function missingProduct(
  target: SparseCholeskyBlock,
  rowIdx: Int32Array,
  q: number,
  end: number,
): DimensionMismatchError {
  const j = rowIdx[q];
  let row = j;
  for (let p = q; p < end; p++) {
    if (findEntry(target, rowIdx[p], j) < 0) {
      row = rowIdx[p];
      break;
    }
  }
  return new DimensionMismatchError(
    `rankUpdate: the sparse-cholesky pattern lacks entry (${row}, ${j})`,
  );
}

/** Number of products of S·Sᵀ's lower triangle, Σ_c n_c(n_c + 1)/2. */
function rankUpdateProducts(source: SparseCscBlock): number {
  let pairs = 0;
  for (let c = 0; c < source.cols; c++) {
    const count = source.colPtr[c + 1] - source.colPtr[c];
    pairs += (count * (count + 1)) / 2;
  }
  return pairs;
}

/**
 * target ← target − S·Sᵀ (lower pattern) for a sparse source, with the target position of every
 * product found once here, so each call is a plain gather–multiply–scatter (in WebAssembly for
 * at least 2¹⁶ products). Products are taken row by row of S, so those of one target column are
 * applied together.
 * @throws DimensionMismatchError if the target's pattern misses a product.
 */
export function prepareRankUpdateSparseCholeskyFromSparse(
  target: SparseCholeskyBlock,
  source: SparseCscBlock,
): (target: Block, source: Block) => void {
  const products = rankUpdateProducts(source);
  const { entry, end, rowStart } = entriesByRow(target.rows, source);
  const rowIdx = source.rowIdx;
  if (products >= WASM_MINIMUM_PRODUCTS) {
    // Positions found per target column inside the kernel (the same products in the same
    // order, so the same bits), instead of an array of one position per product.
    const wasm = createWasmRankUpdateByColumn(
      rowStart,
      entry,
      end,
      rowIdx,
      target.colPtr,
      target.rowIdx,
      target.values.length,
    );
    if (wasm !== null) {
      // One run on zeros (t − 0·0 leaves t as it is) checks the pattern here, once.
      const missing = wasm(
        new Float64Array(target.values.length),
        new Float64Array(source.colPtr[source.cols]),
      );
      if (missing >= 0) throw missingProduct(target, rowIdx, entry[missing], end[missing]);
      return (targetBlock: Block, sourceBlock: Block) => {
        const values = (sourceBlock as SparseCscBlock).values;
        const stop = wasm((targetBlock as SparseCholeskyBlock).values, values);
        if (stop >= 0) throw missingProduct(target, rowIdx, entry[stop], end[stop]);
      };
    }
  }
  const positions = new Int32Array(products);
  rankUpdatePositions(target, rowIdx, entry, end, positions);
  return (targetBlock: Block, sourceBlock: Block) => {
    const t = (targetBlock as SparseCholeskyBlock).values;
    const values = (sourceBlock as SparseCscBlock).values;
    let k = 0;
    for (let e = 0; e < entry.length; e++) {
      const q = entry[e];
      const v2 = values[q];
      const stop = end[e];
      for (let p = q; p < stop; p++) t[positions[k++]] -= values[p] * v2;
    }
  };
}

/** Unprepared form of the sparse → sparse-cholesky rank update (finds positions each call). */
export function rankUpdateSparseCholeskyFromSparse(target: Block, source: Block): void {
  const t = target as SparseCholeskyBlock;
  const { cols, colPtr, rowIdx, values } = source as SparseCscBlock;
  for (let c = 0; c < cols; c++) {
    const end = colPtr[c + 1];
    for (let q = colPtr[c]; q < end; q++) {
      const v2 = values[q];
      for (let p = q; p < end; p++) {
        const position = findEntry(t, rowIdx[p], rowIdx[q]);
        if (position < 0) {
          throw new DimensionMismatchError(
            `rankUpdate: the sparse-cholesky pattern lacks entry (${rowIdx[p]}, ${rowIdx[q]})`,
          );
        }
        t.values[position] -= values[p] * v2;
      }
    }
  }
}

/** Supernodes this wide or wider form their below-diagonal update with one gemm. */
const GEMM_SUPERNODE_COLUMNS = 8;

/**
 * B ← B·F⁻ᵀ for a dense B (m×n) and F = Pᵀ·L: B's columns are permuted into pivot order, then
 * solved supernode by supernode (trsm on the diagonal part, the rows below with loops for narrow
 * supernodes and one gemm for wide ones). The result's columns stay in pivot order. Workspace
 * (m·n plus the largest gemm scratch) is allocated here, once per (target, factor) pair.
 */
export function prepareRdivDenseBySparseCholesky(
  target: DenseBlock,
  factor: SparseCholeskyBlock,
): (target: Block, factor: Block) => void {
  const m = target.rows;
  const symbolic = factor.factor.symbolic;
  const { supernodeCount, supernodeStart, supernodeRowPtr } = symbolic;
  let scratchColumns = 0;
  for (let s = 0; s < supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const below = supernodeRowPtr[s + 1] - supernodeRowPtr[s] - columns;
    if (columns >= GEMM_SUPERNODE_COLUMNS) scratchColumns = Math.max(scratchColumns, below);
  }
  const work = new Float64Array(m * symbolic.n);
  const scratch = new Float64Array(m * scratchColumns);
  return (targetBlock: Block, factorBlock: Block) => {
    rdivDenseBySparseCholesky(
      targetBlock as DenseBlock,
      factorBlock as SparseCholeskyBlock,
      work,
      scratch,
    );
  };
}

/** Unprepared form (allocates its workspace on every call; for tests and one-off use). */
export function rdivDenseBySparseCholesky(
  target: Block,
  factor: Block,
  work?: Float64Array,
  scratch?: Float64Array,
): void {
  const t = target as DenseBlock;
  const f = factor as SparseCholeskyBlock;
  const m = t.rows;
  const { n, permutation, supernodeCount, supernodeRowPtr } = f.factor.symbolic;
  const w = work ?? new Float64Array(m * n);
  let gemmScratch = scratch;
  if (gemmScratch === undefined) {
    let largest = 0;
    for (let s = 0; s < supernodeCount; s++) {
      largest = Math.max(largest, supernodeRowPtr[s + 1] - supernodeRowPtr[s]);
    }
    gemmScratch = new Float64Array(m * largest);
  }
  const b = t.values;
  for (let k = 0; k < n; k++) {
    const from = permutation[k] * m;
    const to = k * m;
    for (let r = 0; r < m; r++) w[to + r] = b[from + r];
  }
  solveRowsInPivotOrder(w, m, f, gemmScratch);
  b.set(w.subarray(0, m * n));
}

/**
 * W ← W·L⁻ᵀ for W (m×n, column-major, columns in pivot order): supernode by supernode, trsm on
 * the diagonal part, then the rows below by one gemm (wide supernodes, into `scratch`) or loops.
 */
function solveRowsInPivotOrder(
  w: Float64Array,
  m: number,
  f: SparseCholeskyBlock,
  gemmScratch: Float64Array,
): void {
  const { supernodeCount, supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr } =
    f.factor.symbolic;
  const l = f.factor.values;
  for (let s = 0; s < supernodeCount; s++) {
    const first = supernodeStart[s];
    const columns = supernodeStart[s + 1] - first;
    const rowStart = supernodeRowPtr[s];
    const height = supernodeRowPtr[s + 1] - rowStart;
    const block = supernodeValuePtr[s];
    trsm("right", true, m, columns, 1, l, block, height, w, first * m, m);
    const below = height - columns;
    if (below === 0) continue;
    if (columns >= GEMM_SUPERNODE_COLUMNS) {
      gemm(
        false,
        true,
        m,
        below,
        columns,
        1,
        w,
        first * m,
        m,
        l,
        block + columns,
        height,
        0,
        gemmScratch,
        0,
        m,
      );
      for (let i = 0; i < below; i++) {
        const to = supernodeRows[rowStart + columns + i] * m;
        const from = i * m;
        for (let r = 0; r < m; r++) w[to + r] -= gemmScratch[from + r];
      }
      continue;
    }
    for (let i = 0; i < below; i++) {
      const to = supernodeRows[rowStart + columns + i] * m;
      for (let jj = 0; jj < columns; jj++) {
        const value = l[block + columns + i + jj * height];
        if (value === 0) continue;
        const from = (first + jj) * m;
        for (let r = 0; r < m; r++) w[to + r] -= value * w[from + r];
      }
    }
  }
}

/**
 * B_i ← B_i·F⁻ᵀ for several dense blocks below the same sparse-cholesky factor, solved as one
 * stacked block (their rows one above the other), so the supernodes are traversed once and each
 * trsm/gemm has all the rows. Results, like `rdivDenseBySparseCholesky`'s, have their columns
 * in pivot order. Workspace is allocated here, once.
 */
export function prepareStackedRdivBySparseCholesky(
  targets: readonly DenseBlock[],
  factor: SparseCholeskyBlock,
): () => void {
  const symbolic = factor.factor.symbolic;
  const { n, permutation, supernodeCount, supernodeStart, supernodeRowPtr } = symbolic;
  let rows = 0;
  for (const target of targets) rows += target.rows;
  let scratchColumns = 0;
  for (let s = 0; s < supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const below = supernodeRowPtr[s + 1] - supernodeRowPtr[s] - columns;
    if (columns >= GEMM_SUPERNODE_COLUMNS) scratchColumns = Math.max(scratchColumns, below);
  }
  const work = new Float64Array(rows * n);
  const scratch = new Float64Array(rows * scratchColumns);
  return () => {
    let offset = 0;
    for (const target of targets) {
      const m = target.rows;
      const b = target.values;
      for (let k = 0; k < n; k++) {
        const from = permutation[k] * m;
        const to = k * rows + offset;
        for (let r = 0; r < m; r++) work[to + r] = b[from + r];
      }
      offset += m;
    }
    solveRowsInPivotOrder(work, rows, factor, scratch);
    offset = 0;
    for (const target of targets) {
      const m = target.rows;
      const b = target.values;
      for (let k = 0; k < n; k++) {
        const from = k * rows + offset;
        const to = k * m;
        for (let r = 0; r < m; r++) b[to + r] = work[from + r];
      }
      offset += m;
    }
  };
}

/**
 * x ← F⁻¹·x (transpose = false: x in block order in, pivot order out) or F⁻ᵀ·x (pivot order in,
 * block order out) on the segment of x at `offset`.
 */
export function solveWithSparseCholesky(
  block: SparseCholeskyBlock,
  transpose: boolean,
  x: Float64Array,
  offset: number,
): void {
  const segment = x.subarray(offset, offset + block.rows);
  if (transpose) sparseCholeskyBackwardSolve(block.factor, segment, segment);
  else sparseCholeskyForwardSolve(block.factor, segment, segment);
}
