/**
 * Lower Cholesky factorization in place: A = L·Lᵀ, column-major, n×n at `offsetA` with leading
 * dimension `lda`. Only the lower triangle is read and written; the strict upper is untouched.
 * Returns -1 on success, or the 0-based row of the first non-positive pivot (the factor is then
 * incomplete).
 */
export function potrf(n: number, a: Float64Array, offsetA: number, lda: number): number {
  for (let j = 0; j < n; j++) {
    const colJ = offsetA + j * lda;
    // Left-looking: subtract the contributions of columns 0..j-1 from column j.
    for (let k = 0; k < j; k++) {
      const colK = offsetA + k * lda;
      const ljk = a[colK + j];
      if (ljk === 0) continue;
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
