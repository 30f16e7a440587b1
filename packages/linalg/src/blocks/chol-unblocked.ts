import { UnsupportedKernelError } from "@mixedmodels/core";
import { potrf } from "../dense/potrf";
import type {
  Block,
  BlockKind,
  DenseBlock,
  DiagonalBlock,
  UniformBlockDiagonalBlock,
} from "./block-types";
import { choleskySparseCholesky } from "./sparse-cholesky-kernels";

/**
 * In-place lower Cholesky factorization of one diagonal block. Returns -1 on success, or the
 * 0-based row (within the block, in the block's own order) of the first non-positive pivot.
 */
export type CholeskyKernel = (block: Block) => number;

function choleskyDiagonal(block: Block): number {
  const d = (block as DiagonalBlock).values;
  for (let i = 0; i < d.length; i++) {
    if (!(d[i] > 0)) return i;
    d[i] = Math.sqrt(d[i]);
  }
  return -1;
}

function choleskyBlockDiagonal(block: Block): number {
  const { blockSize: s, count, values } = block as UniformBlockDiagonalBlock;
  for (let b = 0; b < count; b++) {
    const offset = b * s * s;
    if (s === 1) {
      if (!(values[offset] > 0)) return b;
      values[offset] = Math.sqrt(values[offset]);
      continue;
    }
    const row = potrf(s, values, offset, s);
    if (row >= 0) return b * s + row;
  }
  return -1;
}

function choleskyDense(block: Block): number {
  const { rows, values } = block as DenseBlock;
  return potrf(rows, values, 0, rows);
}

const choleskyKernels: Readonly<Record<string, CholeskyKernel>> = {
  diagonal: choleskyDiagonal,
  "uniform-block-diagonal": choleskyBlockDiagonal,
  dense: choleskyDense,
  "sparse-cholesky": choleskySparseCholesky,
};

/** The in-place Cholesky kernel for a block kind. @throws UnsupportedKernelError (sparse). */
export function resolveCholesky(kind: BlockKind): CholeskyKernel {
  const kernel = choleskyKernels[kind];
  if (kernel === undefined) throw new UnsupportedKernelError("cholUnblocked", kind, kind);
  return kernel;
}

/**
 * Factor a square block in place (A = L·Lᵀ, lower). Returns -1 on success or the failing row.
 * @throws UnsupportedKernelError for a sparse block.
 */
export function cholUnblocked(block: Block): number {
  return resolveCholesky(block.kind)(block);
}
