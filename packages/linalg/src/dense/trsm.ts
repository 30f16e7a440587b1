import { gemm, scaleMatrix } from "./gemm";
import { referenceTrsm, referenceTrsv } from "./reference";

/** Triangles up to this order are solved directly; larger ones split in half around a GEMM. */
const leafOrder = 24;

/**
 * Triangular solve with a non-unit lower-triangular A, in place in B (m×n):
 * side "left":  B ← alpha·op(A)⁻¹·B  (A is m×m);
 * side "right": B ← alpha·B·op(A)⁻¹  (A is n×n);
 * op(A) is A or Aᵀ. Only the lower triangle of A is read. Large triangles are split recursively so
 * that nearly all the work is in {@link gemm}. A zero diagonal entry gives infinities or NaN, as
 * in BLAS; nothing is checked.
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
  if (m === 0 || n === 0) return;
  if (alpha !== 1) scaleMatrix(m, n, alpha, b, offsetB, ldb);
  solveRecursive(side, transA, m, n, a, offsetA, lda, b, offsetB, ldb);
}

function solveRecursive(
  side: "left" | "right",
  transA: boolean,
  m: number,
  n: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  b: Float64Array,
  offsetB: number,
  ldb: number,
): void {
  const order = side === "left" ? m : n;
  if (order <= leafOrder) {
    if (side === "right" && transA)
      solveRightTransposedLeaf(m, n, a, offsetA, lda, b, offsetB, ldb);
    else referenceTrsm(side, transA, m, n, 1, a, offsetA, lda, b, offsetB, ldb);
    return;
  }
  // A = [A11 0; A21 A22] with A11 first×first.
  const first = order >> 1;
  const second = order - first;
  const a21 = offsetA + first;
  const a22 = offsetA + first + first * lda;
  if (side === "left") {
    const b2 = offsetB + first;
    if (!transA) {
      solveRecursive(side, transA, first, n, a, offsetA, lda, b, offsetB, ldb);
      gemm(false, false, second, n, first, -1, a, a21, lda, b, offsetB, ldb, 1, b, b2, ldb);
      solveRecursive(side, transA, second, n, a, a22, lda, b, b2, ldb);
    } else {
      solveRecursive(side, transA, second, n, a, a22, lda, b, b2, ldb);
      gemm(true, false, first, n, second, -1, a, a21, lda, b, b2, ldb, 1, b, offsetB, ldb);
      solveRecursive(side, transA, first, n, a, offsetA, lda, b, offsetB, ldb);
    }
    return;
  }
  const b2 = offsetB + first * ldb;
  if (!transA) {
    solveRecursive(side, transA, m, second, a, a22, lda, b, b2, ldb);
    gemm(false, false, m, first, second, -1, b, b2, ldb, a, a21, lda, 1, b, offsetB, ldb);
    solveRecursive(side, transA, m, first, a, offsetA, lda, b, offsetB, ldb);
  } else {
    solveRecursive(side, transA, m, first, a, offsetA, lda, b, offsetB, ldb);
    gemm(false, true, m, second, first, -1, b, offsetB, ldb, a, a21, lda, 1, b, b2, ldb);
    solveRecursive(side, transA, m, second, a, a22, lda, b, b2, ldb);
  }
}

/**
 * B ← B·A⁻ᵀ for a small lower-triangular n×n A (the case inside Cholesky), four rows at a time:
 * each row of X solves x·Aᵀ = b by forward substitution with its running sums in locals, so the
 * inner loop loads four solved entries and one of A per four multiply–adds and stores nothing.
 */
function solveRightTransposedLeaf(
  m: number,
  n: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  b: Float64Array,
  offsetB: number,
  ldb: number,
): void {
  const fullRows = m - (m % 4);
  for (let i = 0; i < fullRows; i += 4) {
    for (let j = 0; j < n; j++) {
      const colJ = offsetB + i + j * ldb;
      let s0 = b[colJ];
      let s1 = b[colJ + 1];
      let s2 = b[colJ + 2];
      let s3 = b[colJ + 3];
      for (let l = 0; l < j; l++) {
        const ajl = a[offsetA + j + l * lda];
        const colL = offsetB + i + l * ldb;
        s0 -= b[colL] * ajl;
        s1 -= b[colL + 1] * ajl;
        s2 -= b[colL + 2] * ajl;
        s3 -= b[colL + 3] * ajl;
      }
      const inverse = 1 / a[offsetA + j + j * lda];
      b[colJ] = s0 * inverse;
      b[colJ + 1] = s1 * inverse;
      b[colJ + 2] = s2 * inverse;
      b[colJ + 3] = s3 * inverse;
    }
  }
  if (fullRows < m) {
    referenceTrsm("right", true, m - fullRows, n, 1, a, offsetA, lda, b, offsetB + fullRows, ldb);
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
  referenceTrsv(transA, n, a, offsetA, lda, x, offsetX, incX);
}
