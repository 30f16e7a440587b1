/**
 * General matrix product C ← alpha·op(A)·op(B) + beta·C, column-major with leading dimensions;
 * op(X) is X or Xᵀ. C is m×n, op(A) m×k, op(B) k×n.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  b: Float64Array,
  offsetB: number,
  ldb: number,
  beta: number,
  c: Float64Array,
  offsetC: number,
  ldc: number,
): void {
  for (let j = 0; j < n; j++) {
    const colC = offsetC + j * ldc;
    if (beta !== 1) for (let i = 0; i < m; i++) c[colC + i] = beta === 0 ? 0 : beta * c[colC + i];
    for (let l = 0; l < k; l++) {
      const blj = transB ? b[offsetB + j + l * ldb] : b[offsetB + l + j * ldb];
      const scale = alpha * blj;
      if (scale === 0) continue;
      if (transA) {
        for (let i = 0; i < m; i++) c[colC + i] += a[offsetA + l + i * lda] * scale;
      } else {
        const colA = offsetA + l * lda;
        for (let i = 0; i < m; i++) c[colC + i] += a[colA + i] * scale;
      }
    }
  }
}
