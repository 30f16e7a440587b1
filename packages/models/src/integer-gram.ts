import { type EqualRows, equalRows } from "@mixedmodels/modelmatrix";

/**
 * XᵀX of the n×p column-major X into the leading p×p of `v` (leading dimension m, both
 * triangles) from X's classes of equal rows, Σ_k count_k·x_k·x_kᵀ, when that is exactly what any
 * summation gives: every entry of X an integer (no −0) with n·max|x|² ≤ 2⁵³, so each product and
 * partial sum is an integer that floating point holds exactly, whatever the order. Returns false
 * (and writes nothing) otherwise, or when X has more than n/8 classes (then the gemm is cheaper).
 * Dummy-coded designs (InstEval's 73,421×28 X of 0s and 1s has 28 classes) are the case it is for.
 * `known`: X's classes of equal rows when the caller has them (any partition into equal rows
 * will do), else they are found here.
 */
export function writeIntegerGram(
  x: Float64Array,
  n: number,
  p: number,
  v: Float64Array,
  m: number,
  known: EqualRows | null = null,
): boolean {
  if (n === 0 || p === 0) return false;
  // Every row of a class holds its first row's bits (EqualRows), so with the classes known
  // their first rows are all that needs checking.
  const checked = known !== null && known.classOf.length === n ? known.representatives : null;
  const rows = checked === null ? n : checked.length;
  let largest = 0;
  for (let c = 0; c < p; c++) {
    for (let k = 0; k < rows; k++) {
      const value = x[c * n + (checked === null ? k : checked[k])];
      if (value !== Math.trunc(value) || (value === 0 && 1 / value < 0)) return false;
      largest = Math.max(largest, Math.abs(value));
    }
  }
  if (n * largest * largest > 2 ** 53) return false;
  const classes = known ?? equalRows(x, n, p, Math.max(1, n >> 3));
  if (classes === null || classes.representatives.length > Math.max(1, n >> 3)) return false;
  const { representatives, counts } = classes;
  for (let c = 0; c < p; c++) {
    for (let r = c; r < p; r++) {
      let sum = 0;
      for (let k = 0; k < representatives.length; k++) {
        const t = representatives[k];
        sum += counts[k] * x[r * n + t] * x[c * n + t];
      }
      v[r + c * m] = sum;
      v[c + r * m] = sum;
    }
  }
  return true;
}
