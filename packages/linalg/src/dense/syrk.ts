/**
 * Symmetric rank-k update of the lower triangle: C ← alpha·A·Aᵀ + beta·C, with A n×k and C n×n,
 * both column-major with leading dimensions. The strict upper triangle of C is untouched.
 */
export function syrk(
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  beta: number,
  c: Float64Array,
  offsetC: number,
  ldc: number,
): void {
  for (let j = 0; j < n; j++) {
    const colC = offsetC + j * ldc;
    if (beta !== 1) for (let i = j; i < n; i++) c[colC + i] = beta === 0 ? 0 : beta * c[colC + i];
    for (let l = 0; l < k; l++) {
      const colA = offsetA + l * lda;
      const ajl = alpha * a[colA + j];
      if (ajl === 0) continue;
      for (let i = j; i < n; i++) c[colC + i] += a[colA + i] * ajl;
    }
  }
}
