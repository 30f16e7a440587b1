import { UnsupportedKernelError } from "@mixedmodels/core";
import { trsm } from "../dense/trsm";
import type {
  Block,
  BlockKind,
  DenseBlock,
  DiagonalBlock,
  SparseCscBlock,
  UniformBlockDiagonalBlock,
} from "./block-types";
import { checkColumnGroups } from "./sparse-block-pattern";
import {
  prepareRdivDenseBySparseCholesky,
  rdivDenseBySparseCholesky,
} from "./sparse-cholesky-kernels";

/** target ← target·factor⁻ᵀ, with `factor` a lower Cholesky factor of a diagonal block. */
export type RdivKernel = (target: Block, factor: Block) => void;

function denseByDiagonal(target: Block, factor: Block): void {
  const { rows, cols, values } = target as DenseBlock;
  const d = (factor as DiagonalBlock).values;
  for (let c = 0; c < cols; c++) {
    const inverse = 1 / d[c];
    const col = c * rows;
    for (let r = 0; r < rows; r++) values[col + r] *= inverse;
  }
}

function denseByBlockDiagonal(target: Block, factor: Block): void {
  const { rows, values } = target as DenseBlock;
  const { blockSize: s, count, values: l } = factor as UniformBlockDiagonalBlock;
  for (let b = 0; b < count; b++) {
    trsm("right", true, rows, s, 1, l, b * s * s, s, values, b * s * rows, rows);
  }
}

function denseByDense(target: Block, factor: Block): void {
  const { rows, cols, values } = target as DenseBlock;
  trsm("right", true, rows, cols, 1, (factor as DenseBlock).values, 0, cols, values, 0, rows);
}

function sparseByDiagonal(target: Block, factor: Block): void {
  const { cols, colPtr, values } = target as SparseCscBlock;
  const d = (factor as DiagonalBlock).values;
  for (let c = 0; c < cols; c++) {
    const inverse = 1 / d[c];
    for (let p = colPtr[c]; p < colPtr[c + 1]; p++) values[p] *= inverse;
  }
}

function sparseByBlockDiagonal(target: Block, factor: Block): void {
  const block = target as SparseCscBlock;
  const { blockSize: s, count, values: l } = factor as UniformBlockDiagonalBlock;
  checkColumnGroups(block, s, "rdiv");
  const { colPtr, values } = block;
  for (let b = 0; b < count; b++) {
    const g = b * s;
    const offset = b * s * s;
    const length = colPtr[g + 1] - colPtr[g];
    for (let k = 0; k < length; k++) {
      // Row vector x with x·Lᵀ = v: x_j = (v_j − Σ_{i<j} x_i·L[j,i]) / L[j,j].
      for (let j = 0; j < s; j++) {
        let sum = values[colPtr[g + j] + k];
        for (let i = 0; i < j; i++) sum -= values[colPtr[g + i] + k] * l[offset + j + i * s];
        values[colPtr[g + j] + k] = sum / l[offset + j + j * s];
      }
    }
  }
}

function diagonalByDiagonal(target: Block, factor: Block): void {
  const t = (target as DiagonalBlock).values;
  const d = (factor as DiagonalBlock).values;
  for (let i = 0; i < t.length; i++) t[i] /= d[i];
}

const rdivKernels: Readonly<Record<string, RdivKernel>> = {
  "dense<-diagonal": denseByDiagonal,
  "dense<-uniform-block-diagonal": denseByBlockDiagonal,
  "dense<-dense": denseByDense,
  "sparse-csc<-diagonal": sparseByDiagonal,
  "sparse-csc<-uniform-block-diagonal": sparseByBlockDiagonal,
  "diagonal<-diagonal": diagonalByDiagonal,
  "dense<-sparse-cholesky": (target, factor) => rdivDenseBySparseCholesky(target, factor),
};

/**
 * The right-division kernel for (target kind, factor kind).
 * @throws UnsupportedKernelError naming both kinds when the pair has no kernel.
 */
export function resolveRdiv(target: BlockKind, factor: BlockKind): RdivKernel {
  const kernel = rdivKernels[`${target}<-${factor}`];
  if (kernel === undefined) throw new UnsupportedKernelError("rdiv", target, factor);
  return kernel;
}

/**
 * The right-division kernel for this particular (target, factor) pair; for a sparse-cholesky
 * factor its workspace is allocated here, once, so the kernel allocates nothing.
 * @throws UnsupportedKernelError for a pair with no kernel.
 */
export function prepareRdiv(target: Block, factor: Block): RdivKernel {
  if (target.kind === "dense" && factor.kind === "sparse-cholesky") {
    return prepareRdivDenseBySparseCholesky(target, factor);
  }
  return resolveRdiv(target.kind, factor.kind);
}

/**
 * target ← target·factor⁻ᵀ in place. Shapes: target m×n, factor n×n lower triangular.
 * @throws UnsupportedKernelError for a pair with no kernel.
 */
export function rdivLowerTranspose(target: Block, factor: Block): void {
  resolveRdiv(target.kind, factor.kind)(target, factor);
}
