import { referenceGemm } from "./reference";
import { simdGemmUpdate } from "./wasm/simd-gemm";

/** Below this many multiply-adds, packing for the SIMD kernel costs more than it saves. */
const simdMinimumWork = 24 * 24 * 24;

/**
 * General matrix product C ← alpha·op(A)·op(B) + beta·C, column-major with leading dimensions;
 * op(X) is X or Xᵀ. C is m×n, op(A) m×k, op(B) k×n. With beta = 0, C is overwritten (NaN in C
 * does not propagate). Large products run in a WebAssembly SIMD kernel when available, otherwise
 * in plain TypeScript; both give the same result up to rounding.
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
  if (m === 0 || n === 0) return;
  if (m * n * k < simdMinimumWork || alpha === 0) {
    referenceGemm(
      transA,
      transB,
      m,
      n,
      k,
      alpha,
      a,
      offsetA,
      lda,
      b,
      offsetB,
      ldb,
      beta,
      c,
      offsetC,
      ldc,
    );
    return;
  }
  scaleMatrix(m, n, beta, c, offsetC, ldc);
  const done = simdGemmUpdate(
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    offsetA,
    lda,
    b,
    offsetB,
    ldb,
    c,
    offsetC,
    ldc,
    false,
  );
  if (!done) {
    referenceGemm(
      transA,
      transB,
      m,
      n,
      k,
      alpha,
      a,
      offsetA,
      lda,
      b,
      offsetB,
      ldb,
      1,
      c,
      offsetC,
      ldc,
    );
  }
}

/** C ← beta·C for an m×n block; beta = 0 overwrites with zeros. */
export function scaleMatrix(
  m: number,
  n: number,
  beta: number,
  c: Float64Array,
  offsetC: number,
  ldc: number,
): void {
  if (beta === 1) return;
  for (let j = 0; j < n; j++) {
    const col = offsetC + j * ldc;
    if (beta === 0) c.fill(0, col, col + m);
    else for (let i = 0; i < m; i++) c[col + i] *= beta;
  }
}
