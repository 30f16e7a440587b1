import { log } from "@mixedmodels/math";

/** log|A| for A = L·Lᵀ from its lower Cholesky factor L: 2·Σ log L_ii. */
export function logdetFromCholesky(n: number, l: Float64Array, offset: number, ld: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += log(l[offset + i * (ld + 1)]);
  return 2 * sum;
}
