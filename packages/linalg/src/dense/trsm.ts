/**
 * Triangular solve with a non-unit lower-triangular A, in place in B (m×n):
 * side "left":  B ← alpha·op(A)⁻¹·B  (A is m×m);
 * side "right": B ← alpha·B·op(A)⁻¹  (A is n×n);
 * op(A) is A or Aᵀ. Only the lower triangle of A is read.
 */
export function trsm(
  side: "left" | "right",
  transA: boolean,
  m: number,
  n: number,
  alpha: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  b: Float64Array,
  offsetB: number,
  ldb: number,
): void {
  if (alpha !== 1) {
    for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) b[offsetB + i + j * ldb] *= alpha;
  }
  if (side === "left") {
    for (let j = 0; j < n; j++) trsv(transA, m, a, offsetA, lda, b, offsetB + j * ldb, 1);
    return;
  }
  if (transA) {
    // B·Aᵀ⁻¹: solve X·Aᵀ = B column by column from the left, since Aᵀ is upper triangular.
    for (let j = 0; j < n; j++) {
      const colB = offsetB + j * ldb;
      for (let l = 0; l < j; l++) {
        const ajl = a[offsetA + j + l * lda];
        if (ajl === 0) continue;
        const colL = offsetB + l * ldb;
        for (let i = 0; i < m; i++) b[colB + i] -= b[colL + i] * ajl;
      }
      const inverse = 1 / a[offsetA + j + j * lda];
      for (let i = 0; i < m; i++) b[colB + i] *= inverse;
    }
    return;
  }
  // B·A⁻¹: A lower, so solve from the last column backwards.
  for (let j = n - 1; j >= 0; j--) {
    const colB = offsetB + j * ldb;
    for (let l = j + 1; l < n; l++) {
      const alj = a[offsetA + l + j * lda];
      if (alj === 0) continue;
      const colL = offsetB + l * ldb;
      for (let i = 0; i < m; i++) b[colB + i] -= b[colL + i] * alj;
    }
    const inverse = 1 / a[offsetA + j + j * lda];
    for (let i = 0; i < m; i++) b[colB + i] *= inverse;
  }
}

/**
 * Triangular solve with a non-unit lower-triangular n×n A, in place in the vector x
 * (stride `incX`): x ← op(A)⁻¹·x.
 */
export function trsv(
  transA: boolean,
  n: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  x: Float64Array,
  offsetX: number,
  incX: number,
): void {
  if (!transA) {
    for (let j = 0; j < n; j++) {
      const col = offsetA + j * lda;
      const xj = x[offsetX + j * incX] / a[col + j];
      x[offsetX + j * incX] = xj;
      if (xj === 0) continue;
      for (let i = j + 1; i < n; i++) x[offsetX + i * incX] -= a[col + i] * xj;
    }
    return;
  }
  for (let j = n - 1; j >= 0; j--) {
    const col = offsetA + j * lda;
    let sum = x[offsetX + j * incX];
    for (let i = j + 1; i < n; i++) sum -= a[col + i] * x[offsetX + i * incX];
    x[offsetX + j * incX] = sum / a[col + j];
  }
}
