import { DimensionMismatchError, UnsupportedKernelError } from "@mixedmodels/core";
import type { Block, DenseBlock, SparseCscBlock, UniformBlockDiagonalBlock } from "./block-types";
import { checkColumnGroups } from "./sparse-block-pattern";
import { scaleInflateSparseCholesky } from "./sparse-cholesky-kernels";

/*
 * Λ = I_ℓ ⊗ λ for one random-effects term: λ is s×s lower triangular, column-major, given as a
 * Float64Array of length s·s. These kernels apply it to the blocks of A while copying them into L.
 */

/**
 * Diagonal block of L from the diagonal block of A: target ← Λᵀ·source·Λ + I.
 * Targets: Diagonal from Diagonal (s = 1), block-diagonal from block-diagonal, and dense or
 * sparse-cholesky (filled in) from either. A dense or sparse-cholesky target is cleared first. `work` needs length ≥ s·s.
 * @throws UnsupportedKernelError for other pairs.
 */
export function scaleInflate(
  target: Block,
  source: Block,
  lambda: Float64Array,
  s: number,
  work: Float64Array,
): void {
  if (target.kind === "diagonal" && source.kind === "diagonal") {
    const l2 = lambda[0] * lambda[0];
    const t = target.values;
    const a = source.values;
    for (let i = 0; i < t.length; i++) t[i] = l2 * a[i] + 1;
    return;
  }
  if (target.kind === "uniform-block-diagonal" && source.kind === "uniform-block-diagonal") {
    for (let b = 0; b < source.count; b++) {
      congruence(source.values, b * s * s, lambda, s, work);
      const offset = b * s * s;
      for (let i = 0; i < s * s; i++) target.values[offset + i] = work[i];
      for (let i = 0; i < s; i++) target.values[offset + i * (s + 1)] += 1;
    }
    return;
  }
  if (target.kind === "dense" && source.kind === "diagonal") {
    const l2 = lambda[0] * lambda[0];
    const t = target.values;
    t.fill(0);
    for (let i = 0; i < source.values.length; i++)
      t[i + i * target.rows] = l2 * source.values[i] + 1;
    return;
  }
  if (target.kind === "dense" && source.kind === "uniform-block-diagonal") {
    scaleInflateIntoDense(target, source, lambda, s, work);
    return;
  }
  if (target.kind === "sparse-cholesky") {
    scaleInflateSparseCholesky(target, source, lambda, s, work);
    return;
  }
  throw new UnsupportedKernelError("scaleInflate", target.kind, source.kind);
}

function scaleInflateIntoDense(
  target: DenseBlock,
  source: UniformBlockDiagonalBlock,
  lambda: Float64Array,
  s: number,
  work: Float64Array,
): void {
  const { rows, values: t } = target;
  t.fill(0);
  for (let b = 0; b < source.count; b++) {
    congruence(source.values, b * s * s, lambda, s, work);
    for (let c = 0; c < s; c++) {
      const col = (b * s + c) * rows + b * s;
      for (let r = 0; r < s; r++) t[col + r] = work[r + c * s];
      t[col + c] += 1;
    }
  }
}

/** work ← λᵀ·A_b·λ for the symmetric s×s block A_b at `offset` (full storage). */
function congruence(
  a: Float64Array,
  offset: number,
  lambda: Float64Array,
  s: number,
  work: Float64Array,
): void {
  for (let c = 0; c < s; c++) {
    for (let r = 0; r < s; r++) {
      // (λᵀ A λ)[r,c] = Σ_{i≥r} Σ_{j≥c} λ[i,r]·A[i,j]·λ[j,c]
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

/**
 * block ← block·(I ⊗ λ): each consecutive group of s columns is right-multiplied by λ.
 * Sparse and Diagonal blocks only occur with s = 1 and are scaled. In place, no workspace.
 */
export function rmulLambda(block: Block, lambda: Float64Array, s: number): void {
  if (block.kind === "sparse-csc" && s > 1) {
    rmulLambdaSparse(block, lambda, s);
    return;
  }
  if (block.kind !== "dense") {
    if (s !== 1) throw new UnsupportedKernelError("rmulLambda", block.kind, `lambda ${s}x${s}`);
    const l = lambda[0];
    const v = block.values;
    for (let i = 0; i < v.length; i++) v[i] *= l;
    return;
  }
  const { rows, cols, values } = block;
  for (let g = 0; g < cols; g += s) {
    // New column c uses old columns ≥ c only, so ascending c can overwrite in place.
    for (let c = 0; c < s; c++) {
      const colC = (g + c) * rows;
      const lcc = lambda[c + c * s];
      for (let r = 0; r < rows; r++) {
        let sum = values[colC + r] * lcc;
        for (let i = c + 1; i < s; i++) sum += values[(g + i) * rows + r] * lambda[i + c * s];
        values[colC + r] = sum;
      }
    }
  }
}

/**
 * block ← (I ⊗ λ)ᵀ·block: each consecutive group of s rows is left-multiplied by λᵀ.
 * Sparse and Diagonal blocks only occur with s = 1 and are scaled. In place, no workspace.
 */
export function lmulLambdaTranspose(lambda: Float64Array, s: number, block: Block): void {
  if (block.kind === "sparse-csc" && s > 1) {
    lmulLambdaTransposeSparse(lambda, s, block);
    return;
  }
  if (block.kind !== "dense") {
    if (s !== 1) {
      throw new UnsupportedKernelError("lmulLambdaTranspose", block.kind, `lambda ${s}x${s}`);
    }
    const l = lambda[0];
    const v = block.values;
    for (let i = 0; i < v.length; i++) v[i] *= l;
    return;
  }
  const { rows, cols, values } = block;
  for (let col = 0; col < cols; col++) {
    const base = col * rows;
    for (let g = 0; g < rows; g += s) {
      // New row r = Σ_{i≥r} λ[i,r]·old row i; ascending r overwrites in place.
      for (let r = 0; r < s; r++) {
        let sum = 0;
        for (let i = r; i < s; i++) sum += lambda[i + r * s] * values[base + g + i];
        values[base + g + r] = sum;
      }
    }
  }
}

/**
 * Sparse block whose columns come in groups of s with identical row patterns (the products of a
 * vector-valued term): each row of a group, as an s-vector v, becomes v·λ.
 */
function rmulLambdaSparse(block: SparseCscBlock, lambda: Float64Array, s: number): void {
  checkColumnGroups(block, s, "rmulLambda");
  const { cols, colPtr, values } = block;
  for (let g = 0; g < cols; g += s) {
    const first = colPtr[g];
    const length = colPtr[g + 1] - first;
    for (let k = 0; k < length; k++) {
      for (let c = 0; c < s; c++) {
        let sum = 0;
        for (let i = c; i < s; i++) sum += values[colPtr[g + i] + k] * lambda[i + c * s];
        values[colPtr[g + c] + k] = sum;
      }
    }
  }
}

/**
 * Sparse block whose rows come in groups of s, each stored as s consecutive entries of a column
 * (the products of a vector-valued term): each group, as an s-vector v, becomes λᵀ·v.
 */
function lmulLambdaTransposeSparse(lambda: Float64Array, s: number, block: SparseCscBlock): void {
  const { cols, colPtr, rowIdx, values } = block;
  for (let col = 0; col < cols; col++) {
    const end = colPtr[col + 1];
    for (let p = colPtr[col]; p < end; p += s) {
      const row = rowIdx[p];
      if (row % s !== 0 || p + s > end || rowIdx[p + s - 1] !== row + s - 1) {
        throw new DimensionMismatchError(
          `lmulLambdaTranspose: column ${col} of the sparse block does not hold whole ${s}-row groups`,
        );
      }
      for (let r = 0; r < s; r++) {
        let sum = 0;
        for (let i = r; i < s; i++) sum += lambda[i + r * s] * values[p + i];
        values[p + r] = sum;
      }
    }
  }
}
