import { ModelError } from "@mixedmodels/core";
import { gemm, potrf, symmetricEigen, syrk, trsm } from "@mixedmodels/linalg";

// Small dense helpers over column-major Float64Arrays. The matrices here are p×p, (p+1)², or at
// most q×q; the q³ products go through linalg's gemm (SIMD where available).

/** C ← op(A)·op(B), C m×n, op(A) m×k. */
export function multiply(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
): Float64Array {
  const c = new Float64Array(m * n);
  if (m === 0 || n === 0 || k === 0) return c;
  gemm(transA, transB, m, n, k, 1, a, 0, transA ? k : m, b, 0, transB ? n : k, 0, c, 0, m);
  return c;
}

/** trace(A·B) for n×n A and B. */
export function traceOfProduct(n: number, a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sum += a[i + j * n] * b[j + i * n];
  return sum;
}

/** x'·A·y for an n×n A. */
export function bilinear(n: number, x: ArrayLike<number>, a: Float64Array, y: ArrayLike<number>) {
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let column = 0;
    for (let i = 0; i < n; i++) column += x[i] * a[i + j * n];
    sum += column * y[j];
  }
  return sum;
}

/** A·x for an m×n A. */
export function multiplyVector(m: number, n: number, a: Float64Array, x: ArrayLike<number>) {
  const out = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const xj = x[j];
    for (let i = 0; i < m; i++) out[i] += a[i + j * m] * xj;
  }
  return out;
}

/** The lower Cholesky factor of a symmetric positive-definite n×n matrix (a copy). */
export function choleskyFactor(n: number, a: Float64Array, what: string): Float64Array {
  const l = Float64Array.from(a);
  const failed = potrf(n, l, 0, n);
  if (failed >= 0) throw new ModelError(`${what} is not positive definite (row ${failed + 1})`);
  for (let j = 0; j < n; j++) for (let i = 0; i < j; i++) l[i + j * n] = 0;
  return l;
}

/** (LLᵀ)⁻¹ from a lower Cholesky factor L (n×n), symmetric, both triangles filled. */
export function inverseFromCholesky(n: number, l: Float64Array): Float64Array {
  const lInverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) lInverse[i + i * n] = 1;
  trsm("left", false, n, n, 1, l, 0, n, lInverse, 0, n);
  // (LLᵀ)⁻¹ = L⁻ᵀL⁻¹ = AAᵀ with A = L⁻ᵀ: a symmetric rank-n update, half a product's flops.
  const a = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = j; i < n; i++) a[j + i * n] = lInverse[i + j * n];
  const inverse = new Float64Array(n * n);
  syrk(n, n, 1, a, 0, n, 0, inverse, 0, n);
  for (let j = 0; j < n; j++)
    for (let i = j + 1; i < n; i++) inverse[j + i * n] = inverse[i + j * n];
  return inverse;
}

/** The inverse of a symmetric positive-definite matrix. */
export function inverseSpd(n: number, a: Float64Array, what: string): Float64Array {
  return inverseFromCholesky(n, choleskyFactor(n, a, what));
}

/**
 * Moore–Penrose inverse of a symmetric matrix from its eigen-decomposition, keeping eigenvalues
 * above `tolerance` (as lmerTest inverts the Hessian of the deviance, and pbkrtest's ginv).
 * Returns the inverse and the eigenvalues, ascending.
 */
export function symmetricPseudoInverse(
  n: number,
  a: Float64Array,
  tolerance: number,
): { inverse: Float64Array; values: Float64Array } {
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  symmetricEigen(n, a, 0, n, values, vectors);
  const inverse = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    if (!(values[k] > tolerance)) continue;
    const w = 1 / values[k];
    for (let j = 0; j < n; j++) {
      const vj = vectors[j + k * n] * w;
      for (let i = 0; i < n; i++) inverse[i + j * n] += vectors[i + k * n] * vj;
    }
  }
  return { inverse, values };
}

/** The symmetric part (A + Aᵀ)/2 of an n×n matrix, in place. */
export function symmetrize(n: number, a: Float64Array): Float64Array {
  for (let j = 0; j < n; j++) {
    for (let i = j + 1; i < n; i++) {
      const mean = (a[i + j * n] + a[j + i * n]) / 2;
      a[i + j * n] = mean;
      a[j + i * n] = mean;
    }
  }
  return a;
}

/** The leading m×m block of an n×n matrix. */
export function leadingBlock(n: number, m: number, a: Float64Array): Float64Array {
  const out = new Float64Array(m * m);
  for (let j = 0; j < m; j++) for (let i = 0; i < m; i++) out[i + j * m] = a[i + j * n];
  return out;
}
