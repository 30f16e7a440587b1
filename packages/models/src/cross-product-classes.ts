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
