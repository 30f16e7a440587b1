import { DimensionMismatchError, UnsupportedKernelError } from "@mixedmodels/core";
import { gemm } from "../dense/gemm";
import type { Block, BlockKind, DenseBlock, DiagonalBlock, SparseCscBlock } from "./block-types";
import { createWasmDenseSparseSubtract } from "./wasm-block-kernels";

/** target ← target − left·rightᵀ; shapes target m×n, left m×k, right n×k. */
export type MulSubtractKernel = (target: Block, left: Block, right: Block) => void;

function denseDenseDense(target: Block, left: Block, right: Block): void {
  const c = target as DenseBlock;
  const a = left as DenseBlock;
  const b = right as DenseBlock;
  gemm(
    false,
    true,
    c.rows,
    c.cols,
    a.cols,
    -1,
    a.values,
    0,
    a.rows,
    b.values,
    0,
    b.rows,
    1,
    c.values,
    0,
    c.rows,
  );
}

function denseSparseSparse(target: Block, left: Block, right: Block): void {
  const { rows: m, values: t } = target as DenseBlock;
  const a = left as SparseCscBlock;
  const b = right as SparseCscBlock;
  for (let k = 0; k < a.cols; k++) {
    const aEnd = a.colPtr[k + 1];
    const bEnd = b.colPtr[k + 1];
    for (let q = b.colPtr[k]; q < bEnd; q++) {
      const column = b.rowIdx[q] * m;
      const v2 = b.values[q];
      for (let p = a.colPtr[k]; p < aEnd; p++) t[column + a.rowIdx[p]] -= a.values[p] * v2;
    }
  }
}

function denseDenseSparse(target: Block, left: Block, right: Block): void {
  const { rows: m, values: t } = target as DenseBlock;
  const a = (left as DenseBlock).values;
  const { cols, colPtr, rowIdx, values } = right as SparseCscBlock;
  // The [X y] row below a crossed term: m is small, the sparse factor long; locals keep the
  // loops free of property loads.
  for (let k = 0; k < cols; k++) {
    const colA = k * m;
    const end = colPtr[k + 1];
    for (let q = colPtr[k]; q < end; q++) {
      const column = rowIdx[q] * m;
      const v2 = values[q];
      for (let r = 0; r < m; r++) t[column + r] -= a[colA + r] * v2;
    }
  }
}

function denseSparseDense(target: Block, left: Block, right: Block): void {
  const { rows: m, cols: n, values: t } = target as DenseBlock;
  const a = left as SparseCscBlock;
  const { rows: ldb, values: b } = right as DenseBlock;
  for (let k = 0; k < a.cols; k++) {
    const colB = k * ldb;
    for (let p = a.colPtr[k]; p < a.colPtr[k + 1]; p++) {
      const r = a.rowIdx[p];
      const v1 = a.values[p];
      for (let c = 0; c < n; c++) t[r + c * m] -= v1 * b[colB + c];
    }
  }
}

function denseDenseDiagonal(target: Block, left: Block, right: Block): void {
  const { rows: m, values: t } = target as DenseBlock;
  const a = (left as DenseBlock).values;
  const d = (right as DiagonalBlock).values;
  for (let k = 0; k < d.length; k++) {
    const col = k * m;
    const v2 = d[k];
    for (let r = 0; r < m; r++) t[col + r] -= a[col + r] * v2;
  }
}

function denseDiagonalDense(target: Block, left: Block, right: Block): void {
  const { rows: m, cols: n, values: t } = target as DenseBlock;
  const d = (left as DiagonalBlock).values;
  const { rows: ldb, values: b } = right as DenseBlock;
  for (let k = 0; k < d.length; k++) {
    const v1 = d[k];
    for (let c = 0; c < n; c++) t[k + c * m] -= v1 * b[c + k * ldb];
  }
}

function denseSparseDiagonal(target: Block, left: Block, right: Block): void {
  const { rows: m, values: t } = target as DenseBlock;
  const a = left as SparseCscBlock;
  const d = (right as DiagonalBlock).values;
  for (let k = 0; k < a.cols; k++) {
    const v2 = d[k];
    for (let p = a.colPtr[k]; p < a.colPtr[k + 1]; p++) t[a.rowIdx[p] + k * m] -= a.values[p] * v2;
  }
}

function denseDiagonalSparse(target: Block, left: Block, right: Block): void {
  const { rows: m, values: t } = target as DenseBlock;
  const d = (left as DiagonalBlock).values;
  const b = right as SparseCscBlock;
  for (let k = 0; k < b.cols; k++) {
    const v1 = d[k];
    for (let q = b.colPtr[k]; q < b.colPtr[k + 1]; q++) t[k + b.rowIdx[q] * m] -= v1 * b.values[q];
  }
}

function diagonalDiagonalDiagonal(target: Block, left: Block, right: Block): void {
  const t = (target as DiagonalBlock).values;
  const a = (left as DiagonalBlock).values;
  const b = (right as DiagonalBlock).values;
  for (let i = 0; i < t.length; i++) t[i] -= a[i] * b[i];
}

/** Subtract `amount` at (row, col) of a sparse block, which must hold that position. */
function subtractAt(target: SparseCscBlock, row: number, col: number, amount: number): void {
  let lo = target.colPtr[col];
  let hi = target.colPtr[col + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = target.rowIdx[mid];
    if (r === row) {
      target.values[mid] -= amount;
      return;
    }
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  if (amount !== 0) {
    throw new DimensionMismatchError(
      `sparse target block has no entry at (${row}, ${col}) for a nonzero update`,
    );
  }
}

function sparseSparseSparse(target: Block, left: Block, right: Block): void {
  const t = target as SparseCscBlock;
  const a = left as SparseCscBlock;
  const b = right as SparseCscBlock;
  for (let k = 0; k < a.cols; k++) {
    for (let q = b.colPtr[k]; q < b.colPtr[k + 1]; q++) {
      const col = b.rowIdx[q];
      const v2 = b.values[q];
      for (let p = a.colPtr[k]; p < a.colPtr[k + 1]; p++) {
        subtractAt(t, a.rowIdx[p], col, a.values[p] * v2);
      }
    }
  }
}

function sparseSparseDiagonal(target: Block, left: Block, right: Block): void {
  const t = target as SparseCscBlock;
  const a = left as SparseCscBlock;
  const d = (right as DiagonalBlock).values;
  for (let k = 0; k < a.cols; k++) {
    for (let p = a.colPtr[k]; p < a.colPtr[k + 1]; p++) {
      subtractAt(t, a.rowIdx[p], k, a.values[p] * d[k]);
    }
  }
}

function sparseDiagonalSparse(target: Block, left: Block, right: Block): void {
  const t = target as SparseCscBlock;
  const d = (left as DiagonalBlock).values;
  const b = right as SparseCscBlock;
  for (let k = 0; k < b.cols; k++) {
    for (let q = b.colPtr[k]; q < b.colPtr[k + 1]; q++) {
      subtractAt(t, k, b.rowIdx[q], d[k] * b.values[q]);
    }
  }
}

/*
 * Sparse and Diagonal targets keep their pattern: only stored entries are updated. The blocked
 * factor gives such a target only when the grouping factors involved are nested, and then the
 * product vanishes outside the pattern (exact zeros in the dense operands).
 */

function sparseDenseDense(target: Block, left: Block, right: Block): void {
  const { cols, colPtr, rowIdx, values } = target as SparseCscBlock;
  const { rows: m, cols: k, values: a } = left as DenseBlock;
  const { rows: n, values: b } = right as DenseBlock;
  for (let c = 0; c < cols; c++) {
    for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
      const r = rowIdx[p];
      let sum = 0;
      for (let l = 0; l < k; l++) sum += a[r + l * m] * b[c + l * n];
      values[p] -= sum;
    }
  }
}

function sparseDenseSparse(target: Block, left: Block, right: Block): void {
  const t = target as SparseCscBlock;
  const { rows: m, values: a } = left as DenseBlock;
  const b = right as SparseCscBlock;
  for (let k = 0; k < b.cols; k++) {
    for (let q = b.colPtr[k]; q < b.colPtr[k + 1]; q++) {
      const c = b.rowIdx[q];
      const v2 = b.values[q];
      for (let p = t.colPtr[c]; p < t.colPtr[c + 1]; p++)
        t.values[p] -= a[t.rowIdx[p] + k * m] * v2;
    }
  }
}

function diagonalDenseDense(target: Block, left: Block, right: Block): void {
  const t = (target as DiagonalBlock).values;
  const { rows: m, cols: k, values: a } = left as DenseBlock;
  const { rows: n, values: b } = right as DenseBlock;
  for (let i = 0; i < t.length; i++) {
    let sum = 0;
    for (let l = 0; l < k; l++) sum += a[i + l * m] * b[i + l * n];
    t[i] -= sum;
  }
}

function diagonalSparseSparse(target: Block, left: Block, right: Block): void {
  const t = (target as DiagonalBlock).values;
  const a = left as SparseCscBlock;
  const b = right as SparseCscBlock;
  for (let k = 0; k < a.cols; k++) {
    // Both row lists ascend: merge them to find equal rows.
    let p = a.colPtr[k];
    let q = b.colPtr[k];
    const pEnd = a.colPtr[k + 1];
    const qEnd = b.colPtr[k + 1];
    while (p < pEnd && q < qEnd) {
      const r1 = a.rowIdx[p];
      const r2 = b.rowIdx[q];
      if (r1 === r2) {
        t[r1] -= a.values[p] * b.values[q];
        p++;
        q++;
      } else if (r1 < r2) p++;
      else q++;
    }
  }
}

const mulSubtractKernels: Readonly<Record<string, MulSubtractKernel>> = {
  "dense<-dense*dense": denseDenseDense,
  "dense<-sparse-csc*sparse-csc": denseSparseSparse,
  "dense<-dense*sparse-csc": denseDenseSparse,
  "dense<-sparse-csc*dense": denseSparseDense,
  "dense<-dense*diagonal": denseDenseDiagonal,
  "dense<-diagonal*dense": denseDiagonalDense,
  "dense<-sparse-csc*diagonal": denseSparseDiagonal,
  "dense<-diagonal*sparse-csc": denseDiagonalSparse,
  "diagonal<-diagonal*diagonal": diagonalDiagonalDiagonal,
  "sparse-csc<-sparse-csc*sparse-csc": sparseSparseSparse,
  "sparse-csc<-sparse-csc*diagonal": sparseSparseDiagonal,
  "sparse-csc<-diagonal*sparse-csc": sparseDiagonalSparse,
  "sparse-csc<-dense*dense": sparseDenseDense,
  "sparse-csc<-dense*sparse-csc": sparseDenseSparse,
  "diagonal<-dense*dense": diagonalDenseDense,
  "diagonal<-sparse-csc*sparse-csc": diagonalSparseSparse,
};

/**
 * The kernel for target ← target − left·rightᵀ with the given block kinds.
 * @throws UnsupportedKernelError naming the target kind and the two source kinds.
 */
export function resolveMulSubtract(
  target: BlockKind,
  left: BlockKind,
  right: BlockKind,
): MulSubtractKernel {
  const kernel = mulSubtractKernels[`${target}<-${left}*${right}`];
  if (kernel === undefined) {
    throw new UnsupportedKernelError("mulSubtract", target, `${left}·${right}ᵀ`);
  }
  return kernel;
}

/** dense ← dense·sparseᵀ products with at least this many multiply–adds run in WebAssembly. */
const WASM_MINIMUM_MULTIPLY_ADDS = 1 << 16;

/**
 * The kernel for this particular (target, left, right) triple: for a large dense ← dense·sparseᵀ
 * product (the rows below a crossed term), a WebAssembly SIMD kernel holding the sparse
 * structure; otherwise the kernel of {@link resolveMulSubtract}.
 * @throws UnsupportedKernelError for a combination with no kernel.
 */
export function prepareMulSubtract(target: Block, left: Block, right: Block): MulSubtractKernel {
  if (
    target.kind === "dense" &&
    left.kind === "dense" &&
    right.kind === "sparse-csc" &&
    target.rows >= 2 &&
    target.rows * right.colPtr[right.cols] >= WASM_MINIMUM_MULTIPLY_ADDS
  ) {
    const wasm = createWasmDenseSparseSubtract(
      target.rows,
      target.cols,
      right.colPtr,
      right.rowIdx,
    );
    if (wasm !== null) {
      return (t: Block, a: Block, b: Block) => {
        wasm(t.values, a.values, b.values);
      };
    }
  }
  return resolveMulSubtract(target.kind, left.kind, right.kind);
}

/**
 * target ← target − left·rightᵀ. Shapes: target m×n, left m×k, right n×k. A sparse target must
 * already hold every position the product touches (else DimensionMismatchError).
 * @throws UnsupportedKernelError for a combination with no kernel.
 */
export function mulSubtract(target: Block, left: Block, right: Block): void {
  resolveMulSubtract(target.kind, left.kind, right.kind)(target, left, right);
}
