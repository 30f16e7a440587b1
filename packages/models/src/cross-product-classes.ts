import type { DenseBlock } from "@mixedmodels/linalg";
import type { EqualRows, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/** Classes × levels × s above this many entries times n: the per-row loop is cheaper. */
const TABLE_LIMIT = 2;

/**
 * The X rows of [X y]ᵀZ_j (no case weights) from X's classes of equal rows, when that is exactly
 * what the per-row sums in data order give: every entry of X (checked on the classes' first
 * rows, which every row of a class equals) and of z an integer, with n·max|x|·max|z| ≤ 2⁵³, so
 * every product and partial sum is an integer held exactly, whatever the order. Σ_t x_t·z_t over
 * the rows of one level becomes Σ_k x_k·(Σ z over the rows of class k in that level). Writes
 * rows 0 … p−1 of `target` (leading dimension `target.rows`) and returns true, or returns false
 * and writes nothing. InstEval's 73,421×28 X of 0s and 1s (28 classes) is the case it is for.
 */
export function writeFixedTermProductFromClasses(
  x: Float64Array,
  n: number,
  p: number,
  classes: EqualRows,
  term: RandomEffectsMatrix,
  target: DenseBlock,
): boolean {
  const { representatives, classOf } = classes;
  const count = representatives.length;
  const { s, refs, z } = term;
  const levels = term.levels.length;
  if (classOf === undefined || classOf.length !== n || count * levels * s > TABLE_LIMIT * n) {
    return false;
  }
  let largestX = 0;
  for (let r = 0; r < p; r++) {
    for (let k = 0; k < count; k++) {
      const value = x[r * n + representatives[k]];
      if (value !== Math.trunc(value)) return false;
      largestX = Math.max(largestX, Math.abs(value));
    }
  }
  let largestZ = 0;
  for (let i = 0; i < n * s; i++) {
    const value = z[i];
    if (value !== Math.trunc(value)) return false;
    largestZ = Math.max(largestZ, Math.abs(value));
  }
  if (n * largestX * largestZ > 2 ** 53) return false;
  // table[(level·s + c)·count + k] = Σ z[t·s + c] over the rows t of class k at `level`.
  const table = new Float64Array(count * levels * s);
  for (let t = 0; t < n; t++) {
    const base = refs[t] * s * count + classOf[t];
    for (let c = 0; c < s; c++) table[base + c * count] += z[t * s + c];
  }
  const m = target.rows;
  const v = target.values;
  for (let column = 0; column < levels * s; column++) {
    for (let r = 0; r < p; r++) v[column * m + r] = 0;
    for (let k = 0; k < count; k++) {
      const sum = table[column * count + k];
      if (sum === 0) continue;
      const row = representatives[k];
      for (let r = 0; r < p; r++) v[column * m + r] += x[r * n + row] * sum;
    }
  }
  return true;
}

/**
 * Xᵀy (no case weights) into `out[0 … p)` from X's classes of equal rows, summing y_t·x_t for each
 * column in data order over only the rows where x_t ≠ 0: a zero x_t adds ±0, which leaves a sum
 * that starts at +0 as it is (it is never −0), so with y finite this is the plain per-row sum bit
 * for bit, at the cost of the nonzeros of X instead of n·p. Returns false (out untouched) when y
 * has a non-finite value (0·∞ would be NaN) or the classes do not cover the rows.
 */
export function fixedResponseProductFromClasses(
  x: Float64Array,
  n: number,
  p: number,
  classes: EqualRows,
  y: Float64Array,
  out: Float64Array,
): boolean {
  const { representatives, classOf } = classes;
  if (classOf === undefined || classOf.length !== n) return false;
  for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) return false;
  const count = representatives.length;
  // The nonzero columns of each class's row and their values.
  const rowPtr = new Int32Array(count + 1);
  for (let k = 0; k < count; k++) {
    let nonzeros = 0;
    for (let c = 0; c < p; c++) if (x[c * n + representatives[k]] !== 0) nonzeros++;
    rowPtr[k + 1] = rowPtr[k] + nonzeros;
  }
  const columns = new Int32Array(rowPtr[count]);
  const values = new Float64Array(rowPtr[count]);
  for (let k = 0; k < count; k++) {
    let at = rowPtr[k];
    for (let c = 0; c < p; c++) {
      const value = x[c * n + representatives[k]];
      if (value === 0) continue;
      columns[at] = c;
      values[at++] = value;
    }
  }
  const sums = new Float64Array(p);
  for (let t = 0; t < n; t++) {
    const k = classOf[t];
    const yt = y[t];
    for (let e = rowPtr[k]; e < rowPtr[k + 1]; e++) sums[columns[e]] += yt * values[e];
  }
  for (let c = 0; c < p; c++) out[c] = sums[c];
  return true;
}
