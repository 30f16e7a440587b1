import { highWord, withHighWord } from "./bits";
import { log } from "./log";
import { LN2_HI, LN2_LO } from "./log-polynomial";

/** 2^±500: a running product inside this range times a factor inside it cannot overflow. */
const LARGE = 3.273390607896142e150;
const SMALL = 1 / LARGE;

/**
 * ln of the product of values[offset + b·blockStride + i·stride] over i < count and b < blocks:
 * a log-determinant from a Cholesky factor's diagonal (one block: stride ld + 1; equal diagonal
 * blocks: their size and spacing) with one logarithm for the lot instead of one per entry, which
 * is most of a small model's log-determinant. The running product is kept in range by moving its
 * binary exponent into an integer (exact), so nothing overflows; a factor outside 2^±500 (zero,
 * negative, NaN, Infinity, extreme magnitudes) goes through its own logarithm, so the result is
 * −Infinity or NaN exactly where a sum of logarithms would be. The rounding error is one ulp per
 * factor in the product, below that of summing the logarithms.
 */
export function logOfProduct(
  values: ArrayLike<number>,
  offset: number,
  stride: number,
  count: number,
  blocks = 1,
  blockStride = 0,
): number {
  let product = 1;
  let exponent = 0;
  let outside = 0;
  for (let b = 0; b < blocks; b++) {
    const start = offset + b * blockStride;
    for (let i = 0; i < count; i++) {
      const x = values[start + i * stride];
      if (x >= SMALL && x <= LARGE) {
        product *= x;
        if (product > LARGE || product < SMALL) {
          const high = highWord(product);
          exponent += (high >> 20) - 1023;
          product = withHighWord(product, (high & 0x000fffff) | 0x3ff00000);
        }
      } else {
        outside += log(x);
      }
    }
  }
  const logProduct = log(product);
  const total = exponent === 0 ? logProduct : exponent * LN2_HI + (exponent * LN2_LO + logProduct);
  return outside === 0 ? total : total + outside;
}
