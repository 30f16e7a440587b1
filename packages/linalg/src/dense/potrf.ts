import { referencePotrf } from "./reference";
import { syrk } from "./syrk";
import { trsm } from "./trsm";

/** Matrices up to this order are factored column by column; larger ones split recursively. */
const leafOrder = 48;

/**
 * Lower Cholesky factorization in place: A = L·Lᵀ, column-major, n×n at `offsetA` with leading
 * dimension `lda`. Only the lower triangle is read and written; the strict upper is untouched.
 * Returns -1 on success, or the 0-based row of the first non-positive (or NaN) pivot; the factor
 * is then incomplete. Recursive: A11 = L11·L11ᵀ, L21 = A21·L11⁻ᵀ ({@link trsm}),
 * A22 − L21·L21ᵀ ({@link syrk}) factored in turn, so almost all work runs in the GEMM kernel.
 */
export function potrf(n: number, a: Float64Array, offsetA: number, lda: number): number {
  if (n <= leafOrder) return referencePotrf(n, a, offsetA, lda);
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
