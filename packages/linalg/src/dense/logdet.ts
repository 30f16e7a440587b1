import { logOfProduct } from "@mixedmodels/math";

/** log|A| for A = L·Lᵀ from its lower Cholesky factor L: 2·log ∏ L_ii (one logarithm, see logOfProduct). */
export function logdetFromCholesky(n: number, l: Float64Array, offset: number, ld: number): number {
  return 2 * logOfProduct(l, offset, ld + 1, n);
}

/**
 * log|A| for a block-diagonal A whose `count` diagonal blocks are s×s Cholesky factors stored one
 * after another (s² entries each): 2·log of the product of every block's diagonal.
 */
export function logdetFromBlockCholesky(s: number, count: number, l: Float64Array): number {
  return 2 * logOfProduct(l, 0, s + 1, s, count, s * s);
}
