import { highWord, lowWord, scaleByPowerOfTwo } from "./bits";
import { ln2Reduction, reduceByLn2 } from "./ln2-reduction";

/*
 * exp(x) by the method of fdlibm's e_exp.c (Sun Microsystems, 1993; after Tang, 1989):
 * reduce x = k·ln2 + r with |r| ≤ ln2/2, ln2 split into a 32-bit head and a tail so k·ln2hi is
 * exact; approximate exp(r) = 1 + r + r·c/(2 − c), where c = r − r²·R(r²) and R is a degree-5
 * minimax polynomial (Remez error below 2^-59); then scale by 2^k.
 */

const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
/** Above this exp overflows; below UNDERFLOW it is below half the least subnormal. */
const OVERFLOW = 709.782712893384;
const UNDERFLOW = -745.1332191019411;

/** The polynomial c(r) = r − r²·R(r²) of the reduced argument. */
export function expRemainderTerm(r: number): number {
  const t = r * r;
  return r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
}

/** eˣ, within 1 ulp, identical on every engine. */
export function exp(x: number): number {
  const high = highWord(x);
  const negative = high < 0;
  const magnitudeHigh = high & 0x7fffffff;

  if (magnitudeHigh >= 0x40862e42) {
    // |x| ≥ 709.78: NaN, ±Infinity, overflow or underflow.
    if (magnitudeHigh >= 0x7ff00000) {
      if (((magnitudeHigh & 0xfffff) | lowWord(x)) !== 0) return x + x;
      return negative ? 0 : x;
    }
    if (x > OVERFLOW) return Number.POSITIVE_INFINITY;
    if (x < UNDERFLOW) return 0;
  }

  let hi = 0;
  let lo = 0;
  let k = 0;
  let r: number;
  if (magnitudeHigh > 0x3fd62e42) {
    // |x| > ln2/2
    reduceByLn2(x, negative, magnitudeHigh);
    k = ln2Reduction[0];
    hi = ln2Reduction[1];
    lo = ln2Reduction[2];
    r = hi - lo;
  } else if (magnitudeHigh < 0x3e300000) {
    // |x| < 2^-28: exp(x) = 1 + x to working precision.
    return 1 + x;
  } else {
    r = x;
  }

  const c = expRemainderTerm(r);
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  const y = 1 - (lo - (r * c) / (2 - c) - hi);
  return scaleByPowerOfTwo(y, k);
}
