import { highWord, withHighWord } from "./bits";
import { LN2_HI, LN2_LO, logTailPolynomial } from "./log-polynomial";

const TWO_54 = 18014398509481984;

/*
 * ln(1 + x) by the method of fdlibm's s_log1p.c: for 1 + x in [√2/2, √2) the log kernel runs on
 * f = x itself; otherwise u = 1 + x = 2^k·(1 + f) as in log, with the rounding error of 1 + x
 * carried as the correction c/u (only while 1 + x is inexact, below 2^53).
 */

/** ln(1 + x), accurate for small x, within 1 ulp, identical on every engine. */
export function log1p(x: number): number {
  const high = highWord(x);
  const magnitudeHigh = high & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;

  if (high < 0x3fda827a) {
    // 1 + x < √2 (including every negative x)
    if (magnitudeHigh >= 0x3ff00000) {
      // x ≤ −1
      if (x === -1) return Number.NEGATIVE_INFINITY;
      return Number.isNaN(x) ? x : Number.NaN;
    }
    if (magnitudeHigh < 0x3e200000) {
      // |x| < 2^-29
      if (TWO_54 + x > 0 && magnitudeHigh < 0x3c900000) return x; // |x| < 2^-54
      return x - x * x * 0.5;
    }
    if (high > 0 || high <= (0xbfd2bec4 | 0)) {
      // −0.2929 < x < 0.41422: 1 + x already lies in [√2/2, √2)
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (high >= 0x7ff00000) return x + x;

  if (k !== 0) {
    let u: number;
    if (high < 0x43400000) {
      // x < 2^53: 1 + x rounds; keep its error relative to u.
      u = 1 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1 - (u - x) : x - (u - 1);
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHighWord(u, hu | 0x3ff00000); // normalise u into [1, √2)
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); // normalise u/2 into [√2/2, 1)
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1;
  }

  const halfFSquared = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const r = halfFSquared * (1 - 0.6666666666666666 * f);
    if (k === 0) return f - r;
    return k * LN2_HI - (r - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const r = logTailPolynomial(s * s);
  if (k === 0) return f - (halfFSquared - s * (halfFSquared + r));
  return k * LN2_HI - (halfFSquared - (s * (halfFSquared + r) + (k * LN2_LO + c)) - f);
}
