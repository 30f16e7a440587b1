/**
 * Cheap operands for sweeping the dense kernels over many orders (test-only, not exported).
 * Everything here is O(n²) to build, so orders in the thousands stay affordable; the O(n³)
 * generators in `random-matrices.ts` are for small orders.
 */

/**
 * A strictly diagonally dominant lower triangle (diagonal order + 1, off-diagonal uniform in
 * [−1, 1)), NaN above the diagonal: its rows and columns are dominant, so solves with it or
 * its transpose are well conditioned.
 */
export function dominantLower(random: () => number, order: number): Float64Array {
  const a = new Float64Array(order * order).fill(Number.NaN);
  for (let j = 0; j < order; j++) {
    a[j + j * order] = order + 1;
    for (let i = j + 1; i < order; i++) a[i + j * order] = 2 * random() - 1;
  }
  return a;
}

/** A symmetric, strictly diagonally dominant (hence SPD) n×n matrix, both triangles filled. */
export function dominantSpd(random: () => number, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    a[j + j * n] = n;
    for (let i = j + 1; i < n; i++) {
      const value = random() - 0.5;
      a[i + j * n] = value;
      a[j + i * n] = value;
    }
  }
  return a;
}

/**
 * max_i |(L·Lᵀ − A)[i, j]| over column j's lower part, for the factor L in the lower triangle of
 * `l` (n×n, leading dimension n): one column of the backward error in O(n·j).
 */
export function choleskyColumnError(
  n: number,
  l: Float64Array,
  a: Float64Array,
  j: number,
): number {
  let worst = 0;
  for (let i = j; i < n; i++) {
    let sum = 0;
    for (let p = 0; p <= j; p++) sum += l[i + p * n] * l[j + p * n];
    worst = Math.max(worst, Math.abs(sum - a[i + j * n]));
  }
  return worst;
}

/** The four (transA, transB) combinations, picked so each residue mod 64 meets all of them. */
export function transposesFor(order: number): [boolean, boolean] {
  const combination = Math.floor(order / 64) % 4;
  return [(combination & 1) === 1, (combination & 2) === 2];
}
