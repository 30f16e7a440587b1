import { logOfProduct } from "@mixedmodels/math";
import type { SparseCholeskyFactor } from "./sparse-cholesky-factor";

/**
 * Forward solve with the permutation: y ← L⁻¹·P·b (y in pivot order). `b` and `y` have length n
 * and may be the same array.
 */
export function sparseCholeskyForwardSolve(
  factor: SparseCholeskyFactor,
  b: Float64Array,
  y: Float64Array,
): void {
  const { n, permutation, supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr } =
    factor.symbolic;
  const work = factor.work;
  const l = factor.values;
  for (let k = 0; k < n; k++) work[k] = b[permutation[k]];
  for (let s = 0; s < factor.symbolic.supernodeCount; s++) {
    const first = supernodeStart[s];
    const columns = supernodeStart[s + 1] - first;
    const rowStart = supernodeRowPtr[s];
    const height = supernodeRowPtr[s + 1] - rowStart;
    for (let jj = 0; jj < columns; jj++) {
      const column = supernodeValuePtr[s] + jj * height;
      const xj = work[first + jj] / l[column + jj];
      work[first + jj] = xj;
      if (xj === 0) continue;
      for (let i = jj + 1; i < height; i++) work[supernodeRows[rowStart + i]] -= l[column + i] * xj;
    }
  }
  for (let k = 0; k < n; k++) y[k] = work[k];
}

/**
 * Backward solve with the permutation: x ← Pᵀ·L⁻ᵀ·y (y in pivot order, x in original order).
 * `y` and `x` have length n and may be the same array.
 */
export function sparseCholeskyBackwardSolve(
  factor: SparseCholeskyFactor,
  y: Float64Array,
  x: Float64Array,
): void {
  const { n, permutation, supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr } =
    factor.symbolic;
  const work = factor.work;
  const l = factor.values;
  for (let k = 0; k < n; k++) work[k] = y[k];
  for (let s = factor.symbolic.supernodeCount - 1; s >= 0; s--) {
    const first = supernodeStart[s];
    const columns = supernodeStart[s + 1] - first;
    const rowStart = supernodeRowPtr[s];
    const height = supernodeRowPtr[s + 1] - rowStart;
    for (let jj = columns - 1; jj >= 0; jj--) {
      const column = supernodeValuePtr[s] + jj * height;
      let sum = work[first + jj];
      for (let i = jj + 1; i < height; i++)
        sum -= l[column + i] * work[supernodeRows[rowStart + i]];
      work[first + jj] = sum / l[column + jj];
    }
  }
  for (let k = 0; k < n; k++) x[permutation[k]] = work[k];
}

/** x ← A⁻¹·b through the factor (b and x of length n; may be the same array). */
export function sparseCholeskySolve(
  factor: SparseCholeskyFactor,
  b: Float64Array,
  x: Float64Array,
): void {
  sparseCholeskyForwardSolve(factor, b, x);
  sparseCholeskyBackwardSolve(factor, x, x);
}

/** log det A = 2·Σ log L_jj from a successful factorization. */
export function sparseCholeskyLogDet(factor: SparseCholeskyFactor): number {
  const { supernodeCount, supernodeStart, supernodeRowPtr, supernodeValuePtr } = factor.symbolic;
  let sum = 0;
  for (let s = 0; s < supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const height = supernodeRowPtr[s + 1] - supernodeRowPtr[s];
    sum += logOfProduct(factor.values, supernodeValuePtr[s], height + 1, columns);
  }
  return 2 * sum;
}
