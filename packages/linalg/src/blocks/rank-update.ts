import { UnsupportedKernelError } from "@mixedmodels/core";
import { syrk } from "../dense/syrk";
import type {
  Block,
  BlockKind,
  DenseBlock,
  DiagonalBlock,
  SparseCscBlock,
  UniformBlockDiagonalBlock,
} from "./block-types";
import { denseFromSparseUntiled, prepareDenseFromSparse } from "./dense-sparse-rank-update";
import {
  prepareRankUpdateSparseCholeskyFromSparse,
  rankUpdateSparseCholeskyFromDiagonal,
  rankUpdateSparseCholeskyFromSparse,
} from "./sparse-cholesky-kernels";

/**
 * Symmetric down-date of a diagonal block of L: target ← target − source·sourceᵀ. Only the lower
 * triangle of a dense or block-diagonal target is updated. A Diagonal or block-diagonal target
 * keeps only its diagonal (blocks): that is exact when the earlier grouping factor is nested in the
 * target's, the only case in which the factor keeps that storage type.
 */
export type RankUpdateKernel = (target: Block, source: Block) => void;

function diagonalFromDiagonal(target: Block, source: Block): void {
  const t = (target as DiagonalBlock).values;
  const a = (source as DiagonalBlock).values;
  for (let i = 0; i < t.length; i++) t[i] -= a[i] * a[i];
}

function diagonalFromSparse(target: Block, source: Block): void {
  const t = (target as DiagonalBlock).values;
  const { rowIdx, values } = source as SparseCscBlock;
  for (let p = 0; p < rowIdx.length; p++) t[rowIdx[p]] -= values[p] * values[p];
}

function diagonalFromDense(target: Block, source: Block): void {
  const t = (target as DiagonalBlock).values;
  const { rows, cols, values } = source as DenseBlock;
  for (let c = 0; c < cols; c++) {
    const col = c * rows;
    for (let r = 0; r < rows; r++) t[r] -= values[col + r] * values[col + r];
  }
}

function blockDiagonalFromDense(target: Block, source: Block): void {
  const { blockSize: s, count, values: t } = target as UniformBlockDiagonalBlock;
  const { rows, cols, values: a } = source as DenseBlock;
  for (let b = 0; b < count; b++) {
    syrk(s, cols, -1, a, b * s, rows, 1, t, b * s * s, s);
  }
}

function blockDiagonalFromSparse(target: Block, source: Block): void {
  const { blockSize: s, values: t } = target as UniformBlockDiagonalBlock;
  const { cols, colPtr, rowIdx, values } = source as SparseCscBlock;
  for (let c = 0; c < cols; c++) {
    const end = colPtr[c + 1];
    for (let p = colPtr[c]; p < end; p++) {
      const r1 = rowIdx[p];
      const block = (r1 / s) | 0;
      const v1 = values[p];
      for (let q = colPtr[c]; q <= p; q++) {
        const r2 = rowIdx[q];
        // Outside the diagonal blocks nothing is stored; nesting makes those products vanish.
        if (((r2 / s) | 0) !== block) continue;
        t[block * s * s + (r1 - block * s) + (r2 - block * s) * s] -= v1 * values[q];
      }
    }
  }
}

function denseFromDense(target: Block, source: Block): void {
  const t = target as DenseBlock;
  const a = source as DenseBlock;
  syrk(t.rows, a.cols, -1, a.values, 0, a.rows, 1, t.values, 0, t.rows);
}

function denseFromDiagonal(target: Block, source: Block): void {
  const { rows: n, values: t } = target as DenseBlock;
  const a = (source as DiagonalBlock).values;
  for (let i = 0; i < a.length; i++) t[i + i * n] -= a[i] * a[i];
}

const rankUpdateKernels: Readonly<Record<string, RankUpdateKernel>> = {
  "diagonal<-diagonal": diagonalFromDiagonal,
  "diagonal<-sparse-csc": diagonalFromSparse,
  "diagonal<-dense": diagonalFromDense,
  "uniform-block-diagonal<-dense": blockDiagonalFromDense,
  "uniform-block-diagonal<-sparse-csc": blockDiagonalFromSparse,
  "dense<-dense": denseFromDense,
  "dense<-sparse-csc": denseFromSparseUntiled,
  "dense<-diagonal": denseFromDiagonal,
  "sparse-cholesky<-diagonal": rankUpdateSparseCholeskyFromDiagonal,
  "sparse-cholesky<-sparse-csc": rankUpdateSparseCholeskyFromSparse,
};

/**
 * The rank-update kernel for a (target, source) pair of block kinds.
 * @throws UnsupportedKernelError naming both kinds when the pair has no kernel.
 */
export function resolveRankUpdate(target: BlockKind, source: BlockKind): RankUpdateKernel {
  const kernel = rankUpdateKernels[`${target}<-${source}`];
  if (kernel === undefined) throw new UnsupportedKernelError("rankUpdate", target, source);
  return kernel;
}

/**
 * The rank-update kernel for this particular (target, source) pair, with whatever depends only on
 * their structure worked out once (for a sparse source into a sparse-cholesky target: the target
 * position of every product; into a large dense target: the tiles each source column reaches). @throws UnsupportedKernelError for a pair with no kernel;
 * DimensionMismatchError when a sparse-cholesky target's pattern does not cover the update.
 */
export function prepareRankUpdate(target: Block, source: Block): RankUpdateKernel {
  if (target.kind === "sparse-cholesky" && source.kind === "sparse-csc") {
    return prepareRankUpdateSparseCholeskyFromSparse(target, source);
  }
  if (target.kind === "dense" && source.kind === "sparse-csc") {
    return prepareDenseFromSparse(target, source);
  }
  return resolveRankUpdate(target.kind, source.kind);
}

/**
 * target ← target − source·sourceᵀ (lower part), dispatched on the block kinds.
 * Shapes: target n×n, source n×m. @throws UnsupportedKernelError for a pair with no kernel.
 */
export function rankUpdate(target: Block, source: Block): void {
  resolveRankUpdate(target.kind, source.kind)(target, source);
}
