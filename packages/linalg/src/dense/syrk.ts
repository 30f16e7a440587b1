import { referenceSyrk } from "./reference";
import { simdGemmUpdate } from "./wasm/simd-gemm";

const simdMinimumWork = 24 * 24 * 24;

/**
 * Symmetric rank-k update of the lower triangle: C ← alpha·A·Aᵀ + beta·C, with A n×k and C n×n,
 * both column-major with leading dimensions. The strict upper triangle of C is neither read nor
 * written. With beta = 0 the lower triangle is overwritten. Large updates run in the WebAssembly
 * SIMD GEMM kernel restricted to the lower triangle.
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
  if (n === 0) return;
  if (n * n * k < 2 * simdMinimumWork || alpha === 0) {
    referenceSyrk(n, k, alpha, a, offsetA, lda, beta, c, offsetC, ldc);
    return;
  }
  if (beta !== 1) {
    for (let j = 0; j < n; j++) {
      const col = offsetC + j * ldc;
      if (beta === 0) c.fill(0, col + j, col + n);
      else for (let i = j; i < n; i++) c[col + i] *= beta;
    }
  }
  const done = simdGemmUpdate(
    false,
    true,
    n,
    n,
    k,
    alpha,
    a,
    offsetA,
    lda,
    a,
    offsetA,
    lda,
    c,
    offsetC,
    ldc,
    true,
  );
  if (!done) referenceSyrk(n, k, alpha, a, offsetA, lda, 1, c, offsetC, ldc);
}
