import { DimensionMismatchError } from "@mixedmodels/core";
import {
  analyzeSparseCholesky,
  type SparseCholeskyOptions,
} from "../sparse/analyze-sparse-cholesky";
import {
  createSparseCholeskyFactor,
  type SparseCholeskyFactor,
} from "../sparse/sparse-cholesky-factor";

/**
 * Storage types of the blocks of the blocked matrices A = [Z X y]'[Z X y] and its Cholesky factor
 * L. Every block is column-major; a `DenseBlock` on the diagonal of L is read as lower triangular.
 */

/** A square diagonal block: `values[i]` is entry (i, i). */
export interface DiagonalBlock {
  readonly kind: "diagonal";
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

/**
 * A square block-diagonal block of `count` dense s×s blocks, held one after another in `values`
 * (length s·s·count, each block column-major), so row/column range b·s … b·s+s−1 is block b.
 */
export interface UniformBlockDiagonalBlock {
  readonly kind: "uniform-block-diagonal";
  readonly rows: number;
  readonly cols: number;
  readonly blockSize: number;
  readonly count: number;
  readonly values: Float64Array;
}

/** Compressed sparse column storage; row indices ascending within each column. */
export interface SparseCscBlock {
  readonly kind: "sparse-csc";
  readonly rows: number;
  readonly cols: number;
  /** Length cols+1: the nonzeros of column c are positions colPtr[c] … colPtr[c+1]−1. */
  readonly colPtr: Int32Array;
  readonly rowIdx: Int32Array;
  readonly values: Float64Array;
}

/** A dense column-major block with leading dimension `rows`. */
export interface DenseBlock {
  readonly kind: "dense";
  readonly rows: number;
  readonly cols: number;
  readonly values: Float64Array;
}

/**
 * A filled-in diagonal block of L factored by the sparse supernodal Cholesky (with a
 * fill-reducing ordering) instead of densely. `colPtr`/`rowIdx` are the lower triangle of the
 * block's pattern in the block's own (original) order, rows ascending, each column starting with
 * its diagonal entry (and, for a term with s > 1, holding the whole lower triangle of every s×s
 * level block). `values` holds the matrix to factor in that pattern (scaled, inflated and
 * down-dated by the rank updates); after `cholUnblocked`, `factor` holds P·M·Pᵀ = L·Lᵀ. As a block
 * of the blocked factor this block stands for F = Pᵀ·L (F·Fᵀ = M), so the blocks below it in its
 * block column have their columns in pivot order (`factor.symbolic.permutation`).
 */
export interface SparseCholeskyBlock {
  readonly kind: "sparse-cholesky";
  readonly rows: number;
  readonly cols: number;
  readonly colPtr: Int32Array;
  readonly rowIdx: Int32Array;
  readonly values: Float64Array;
  readonly factor: SparseCholeskyFactor;
}

/** One block of a blocked matrix. */
export type Block =
  | DiagonalBlock
  | UniformBlockDiagonalBlock
  | SparseCscBlock
  | DenseBlock
  | SparseCholeskyBlock;

/** The `kind` discriminants of `Block`. */
export type BlockKind = Block["kind"];

/** A zero diagonal block of order n. */
export function createDiagonalBlock(n: number): DiagonalBlock {
  return { kind: "diagonal", rows: n, cols: n, values: new Float64Array(n) };
}

/** A zero block-diagonal block of `count` s×s blocks. */
export function createUniformBlockDiagonalBlock(
  blockSize: number,
  count: number,
): UniformBlockDiagonalBlock {
  const n = blockSize * count;
  return {
    kind: "uniform-block-diagonal",
    rows: n,
    cols: n,
    blockSize,
    count,
    values: new Float64Array(blockSize * blockSize * count),
  };
}

/** A zero dense rows×cols block. */
export function createDenseBlock(rows: number, cols: number): DenseBlock {
  return { kind: "dense", rows, cols, values: new Float64Array(rows * cols) };
}

/**
 * A sparse block with the given structure and zero values. `colPtr` must have length cols+1 and be
 * non-decreasing; row indices must be ascending within a column (not checked here).
 */
export function createSparseCscBlock(
  rows: number,
  cols: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  values?: Float64Array,
): SparseCscBlock {
  return {
    kind: "sparse-csc",
    rows,
    cols,
    colPtr,
    rowIdx,
    values: values ?? new Float64Array(rowIdx.length),
  };
}

/** A block of the same kind and structure as `block`, with its own zeroed values. */
export function cloneBlockStructure(block: Block): Block {
  switch (block.kind) {
    case "diagonal":
      return createDiagonalBlock(block.rows);
    case "uniform-block-diagonal":
      return createUniformBlockDiagonalBlock(block.blockSize, block.count);
    case "sparse-csc":
      return createSparseCscBlock(block.rows, block.cols, block.colPtr, block.rowIdx);
    case "dense":
      return createDenseBlock(block.rows, block.cols);
    case "sparse-cholesky":
      return {
        ...block,
        values: new Float64Array(block.values.length),
        factor: createSparseCholeskyFactor(block.factor.symbolic),
      };
  }
}

/**
 * A sparse-Cholesky diagonal block for the n×n lower pattern colPtr/rowIdx (see
 * `SparseCholeskyBlock` for the layout it must have): symbolic analysis with a fill-reducing
 * ordering (once) and all factor storage. @throws DimensionMismatchError / DataError for a
 * malformed pattern, DimensionMismatchError if a column does not start with its diagonal.
 */
export function createSparseCholeskyBlock(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  options: SparseCholeskyOptions = {},
): SparseCholeskyBlock {
  const symbolic = analyzeSparseCholesky(n, colPtr, rowIdx, options);
  for (let c = 0; c < n; c++) {
    if (colPtr[c] === colPtr[c + 1] || rowIdx[colPtr[c]] !== c) {
      throw new DimensionMismatchError(
        `sparse-cholesky block: column ${c} does not start with its diagonal entry`,
      );
    }
  }
  return {
    kind: "sparse-cholesky",
    rows: n,
    cols: n,
    colPtr,
    rowIdx,
    values: new Float64Array(rowIdx.length),
    factor: createSparseCholeskyFactor(symbolic),
  };
}

/** The block as a new dense column-major rows×cols array (for tests and diagnostics). */
export function blockToDense(block: Block): Float64Array {
  const { rows, cols } = block;
  const out = new Float64Array(rows * cols);
  switch (block.kind) {
    case "diagonal":
      for (let i = 0; i < rows; i++) out[i + i * rows] = block.values[i];
      break;
    case "uniform-block-diagonal": {
      const s = block.blockSize;
      for (let b = 0; b < block.count; b++) {
        for (let c = 0; c < s; c++) {
          for (let r = 0; r < s; r++) {
            out[b * s + r + (b * s + c) * rows] = block.values[b * s * s + r + c * s];
          }
        }
      }
      break;
    }
    case "sparse-csc":
      for (let c = 0; c < cols; c++) {
        for (let p = block.colPtr[c]; p < block.colPtr[c + 1]; p++) {
          out[block.rowIdx[p] + c * rows] = block.values[p];
        }
      }
      break;
    case "dense":
      out.set(block.values);
      break;
    case "sparse-cholesky": {
      // F = Pᵀ·L: row k of L is original row permutation[k].
      const { permutation, supernodeCount, supernodeStart, supernodeRowPtr, supernodeRows } =
        block.factor.symbolic;
      const pointers = block.factor.symbolic.supernodeValuePtr;
      for (let s = 0; s < supernodeCount; s++) {
        const height = supernodeRowPtr[s + 1] - supernodeRowPtr[s];
        for (let c = supernodeStart[s]; c < supernodeStart[s + 1]; c++) {
          const column = pointers[s] + (c - supernodeStart[s]) * height;
          for (let i = c - supernodeStart[s]; i < height; i++) {
            const row = supernodeRows[supernodeRowPtr[s] + i];
            out[permutation[row] + c * rows] = block.factor.values[column + i];
          }
        }
      }
      break;
    }
  }
  return out;
}
