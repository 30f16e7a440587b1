/**
 * Simple reference kernels: the straightforward loops the fast kernels are tested against.
 * Same signatures and semantics as the exported kernels; not exported from the package.
 */
/**
 * General matrix product C ← alpha·op(A)·op(B) + beta·C, column-major with leading dimensions;
 * op(X) is X or Xᵀ. C is m×n, op(A) m×k, op(B) k×n.
 */
export function referenceGemm(
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

/**
 * Symmetric rank-k update of the lower triangle: C ← alpha·A·Aᵀ + beta·C, with A n×k and C n×n,
 * both column-major with leading dimensions. The strict upper triangle of C is untouched.
 */
export function referenceSyrk(
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

/**
 * Lower Cholesky factorization in place: A = L·Lᵀ, column-major, n×n at `offsetA` with leading
 * dimension `lda`. Only the lower triangle is read and written; the strict upper is untouched.
 * Returns -1 on success, or the 0-based row of the first non-positive pivot (the factor is then
 * incomplete).
 */
export function referencePotrf(n: number, a: Float64Array, offsetA: number, lda: number): number {
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

/**
 * Triangular solve with a non-unit lower-triangular A, in place in B (m×n):
 * side "left":  B ← alpha·op(A)⁻¹·B  (A is m×m);
 * side "right": B ← alpha·B·op(A)⁻¹  (A is n×n);
 * op(A) is A or Aᵀ. Only the lower triangle of A is read.
 */
export function referenceTrsm(
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
    for (let j = 0; j < n; j++) referenceTrsv(transA, m, a, offsetA, lda, b, offsetB + j * ldb, 1);
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
export function referenceTrsv(
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
