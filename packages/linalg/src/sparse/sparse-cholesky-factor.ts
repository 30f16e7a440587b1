import { DimensionMismatchError } from "@mixedmodels/core";
import { potrf } from "../dense/potrf";
import { syrk } from "../dense/syrk";
import { trsm } from "../dense/trsm";
import type { SparseCholeskySymbolic } from "./analyze-sparse-cholesky";

/**
 * Numeric storage for P·A·Pᵀ = L·Lᵀ: the supernodal values of L plus all workspaces, allocated
 * once by {@link createSparseCholeskyFactor} and reused by every {@link factorSparseCholesky}.
 */
export interface SparseCholeskyFactor {
  readonly symbolic: SparseCholeskySymbolic;
  /** Supernode blocks of L (see SparseCholeskySymbolic); meaningful after a successful factor. */
  readonly values: Float64Array;
  readonly front: Float64Array;
  readonly stack: Float64Array;
  /** Length-n vector workspace for the solves. */
  readonly work: Float64Array;
  /** −1 after a successful factorization; else the failing original index, or −2 if never run. */
  status: number;
}

/** Allocates the factor storage and workspaces for a symbolic analysis. */
export function createSparseCholeskyFactor(symbolic: SparseCholeskySymbolic): SparseCholeskyFactor {
  return {
    symbolic,
    values: new Float64Array(symbolic.storedEntries),
    front: new Float64Array(symbolic.frontEntries),
    stack: new Float64Array(symbolic.stackEntries),
    work: new Float64Array(symbolic.n),
    status: -2,
  };
}

/**
 * Multifrontal numeric factorization of A into the factor's preallocated storage; allocates
 * nothing. `values` are the entries of the lower triangle of A in the order of the rowIdx the
 * symbolic analysis was built from. For each supernode: assemble A's columns and the children's
 * update matrices into the frontal matrix, factor its leading columns with the dense kernels
 * (potrf, trsm) and push the Schur complement (syrk) for the parent.
 *
 * Returns −1 on success, else the ORIGINAL row/column index of the first non-positive pivot (the
 * caller raises NotPositiveDefiniteError naming its block and this row).
 */
export function factorSparseCholesky(factor: SparseCholeskyFactor, values: Float64Array): number {
  const symbolic = factor.symbolic;
  if (values.length < symbolic.nnzA) {
    throw new DimensionMismatchError(
      `factorSparseCholesky: values has length ${values.length}, pattern has ${symbolic.nnzA} entries`,
    );
  }
  const { supernodeStart, supernodeRowPtr, supernodeValuePtr, supernodeParent } = symbolic;
  const { childPtr, children, updateMapPtr, updateMap, entryPtr, entrySource, entryTarget } =
    symbolic;
  const front = factor.front;
  const stack = factor.stack;
  const out = factor.values;
  let top = 0;
  for (let s = 0; s < symbolic.supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const height = supernodeRowPtr[s + 1] - supernodeRowPtr[s];
    front.fill(0, 0, height * height);
    for (let t = entryPtr[s]; t < entryPtr[s + 1]; t++)
      front[entryTarget[t]] += values[entrySource[t]];
    // The children's update matrices are the top of the stack, last child on top.
    for (let t = childPtr[s + 1] - 1; t >= childPtr[s]; t--) {
      const c = children[t];
      const mapStart = updateMapPtr[c];
      const size = updateMapPtr[c + 1] - mapStart;
      top -= size * size;
      extendAdd(front, height, stack, top, size, updateMap, mapStart);
    }
    const failed = potrf(columns, front, 0, height);
    if (failed >= 0) {
      factor.status = symbolic.permutation[supernodeStart[s] + failed];
      return factor.status;
    }
    const below = height - columns;
    if (below > 0) {
      trsm("right", true, below, columns, 1, front, 0, height, front, columns, height);
      syrk(
        below,
        columns,
        -1,
        front,
        columns,
        height,
        1,
        front,
        columns + columns * height,
        height,
      );
    }
    const valueStart = supernodeValuePtr[s];
    for (let i = 0; i < height * columns; i++) out[valueStart + i] = front[i];
    if (supernodeParent[s] >= 0) {
      for (let j = 0; j < below; j++) {
        const source = columns + (columns + j) * height;
        const target = top + j * below;
        for (let i = j; i < below; i++) stack[target + i] = front[source + i];
      }
      top += below * below;
    }
  }
  factor.status = -1;
  return -1;
}

/** front[map[i], map[j]] += update[i, j] over the lower triangle of the size×size update. */
function extendAdd(
  front: Float64Array,
  height: number,
  update: Float64Array,
  offset: number,
  size: number,
  map: Int32Array,
  mapStart: number,
): void {
  for (let j = 0; j < size; j++) {
    const column = map[mapStart + j] * height;
    const source = offset + j * size;
    for (let i = j; i < size; i++) front[column + map[mapStart + i]] += update[source + i];
  }
}

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
    for (let jj = 0; jj < columns; jj++)
      sum += Math.log(factor.values[supernodeValuePtr[s] + jj * (height + 1)]);
  }
  return 2 * sum;
}

/**
 * Flop estimates for choosing between sparse and dense factorization of the same block: the
 * sparse count Σ c_j², the dense count of an n×n potrf (Σ_{c≤n} c² ≈ n³/3), their ratio, and the
 * stored fraction of the dense lower triangle.
 */
export function sparseCholeskyCostEstimate(symbolic: SparseCholeskySymbolic): {
  sparseFlops: number;
  denseFlops: number;
  flopRatio: number;
  fillFraction: number;
} {
  const n = symbolic.n;
  const denseFlops = (n * (n + 1) * (2 * n + 1)) / 6;
  return {
    sparseFlops: symbolic.flops,
    denseFlops,
    flopRatio: denseFlops === 0 ? 0 : symbolic.flops / denseFlops,
    fillFraction: n === 0 ? 0 : symbolic.nnzL / ((n * (n + 1)) / 2),
  };
}
