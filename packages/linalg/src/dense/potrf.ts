import { syrk } from "./syrk";
import { trsm } from "./trsm";

/** Matrices up to this order are factored column by column; larger ones split recursively. */
const leafOrder = 64;

/**
 * Lower Cholesky factorization in place: A = L·Lᵀ, column-major, n×n at `offsetA` with leading
 * dimension `lda`. Only the lower triangle is read and written; the strict upper is untouched.
 * Returns -1 on success, or the 0-based row of the first non-positive (or NaN) pivot; the factor
 * is then incomplete. Recursive: A11 = L11·L11ᵀ, L21 = A21·L11⁻ᵀ ({@link trsm}),
 * A22 − L21·L21ᵀ ({@link syrk}) factored in turn, so almost all work runs in the GEMM kernel.
 */
export function potrf(n: number, a: Float64Array, offsetA: number, lda: number): number {
  if (n <= leafOrder) return choleskyLeaf(n, a, offsetA, lda);
  const first = n >> 1;
  const second = n - first;
  const failedFirst = potrf(first, a, offsetA, lda);
  if (failedFirst >= 0) return failedFirst;
  const a21 = offsetA + first;
  const a22 = offsetA + first + first * lda;
  trsm("right", true, second, first, 1, a, offsetA, lda, a, a21, lda);
  syrk(second, first, -1, a, a21, lda, 1, a, a22, lda);
  const failedSecond = potrf(second, a, a22, lda);
  return failedSecond < 0 ? -1 : first + failedSecond;
}

/**
 * Left-looking Cholesky of a small block: column j receives the updates of columns k < j four at a
 * time, so each entry of column j is loaded and stored once per four columns instead of once
 * per column. Same contract as {@link potrf}.
 */
function choleskyLeaf(n: number, a: Float64Array, offsetA: number, lda: number): number {
  for (let j = 0; j < n; j++) {
    const colJ = offsetA + j * lda;
    let k = 0;
    for (; k + 4 <= j; k += 4) {
      const c0 = offsetA + k * lda;
      const c1 = c0 + lda;
      const c2 = c1 + lda;
      const c3 = c2 + lda;
      const l0 = a[c0 + j];
      const l1 = a[c1 + j];
      const l2 = a[c2 + j];
      const l3 = a[c3 + j];
      for (let i = j; i < n; i++) {
        a[colJ + i] -= a[c0 + i] * l0 + a[c1 + i] * l1 + a[c2 + i] * l2 + a[c3 + i] * l3;
      }
    }
    for (; k < j; k++) {
      const colK = offsetA + k * lda;
      const ljk = a[colK + j];
      for (let i = j; i < n; i++) a[colJ + i] -= a[colK + i] * ljk;
    }
    const pivot = a[colJ + j];
    if (!(pivot > 0)) return j;
    const diagonal = Math.sqrt(pivot);
    a[colJ + j] = diagonal;
    const inverse = 1 / diagonal;
    for (let i = j + 1; i < n; i++) a[colJ + i] *= inverse;
  }
  return -1;
}
