import { highWord, lowWord, withHighWord } from "./bits";
import { LN2_HI, LN2_LO, logTailPolynomial } from "./log-polynomial";

const TWO_54 = 18014398509481984;

/*
 * ln x by the method of fdlibm's e_log.c: x = 2^k·(1 + f) with 1 + f in [√2/2, √2),
 * log(1 + f) = f − (f²/2 − s·(f²/2 + R)) with s = f/(2 + f) (see log-polynomial.ts), and
 * k·ln2 added in two pieces, smallest terms first.
 */

/** ln x, within 1 ulp, identical on every engine. */
export function log(x: number): number {
  let high = highWord(x);
  let k = 0;
  let y = x;
  if (high < 0x00100000) {
    // x < 2^-1022: zero, negative, subnormal (or NaN with the sign bit set)
    if (((high & 0x7fffffff) | lowWord(x)) === 0) return Number.NEGATIVE_INFINITY;
    if (high < 0) return Number.isNaN(x) ? x : Number.NaN;
    k -= 54;
    y *= TWO_54; // subnormal: scale into the normal range
    high = highWord(y);
  }
  if (high >= 0x7ff00000) return y + y;
  k += (high >> 20) - 1023;
  high &= 0x000fffff;
  // Normalise the mantissa into [√2/2, √2): i is 0x100000 when it is at least √2.
  const i = (high + 0x95f64) & 0x100000;
  y = withHighWord(y, high | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = y - 1;
  const dk = k;

  if ((0x000fffff & (2 + high)) < 3) {
    // |f| < 2^-20: three terms of the series suffice.
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    if (k === 0) return f - r;
    return dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const r = logTailPolynomial(s * s);
  // Where |f| is near its largest (mantissa bits in [0x6147a, 0x6b851], about 1.38–1.42 before
  // normalisation) the f²/2 form loses less; elsewhere s·(f − R) does.
  const nearEnds = ((high - 0x6147a) | (0x6b851 - high)) > 0;
  if (nearEnds) {
    const halfFSquared = 0.5 * f * f;
    if (k === 0) return f - (halfFSquared - s * (halfFSquared + r));
    return dk * LN2_HI - (halfFSquared - (s * (halfFSquared + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
