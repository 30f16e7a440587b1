import { highWord, lowWord, scaleByPowerOfTwo, withHighWord } from "./bits";
import { ln2Reduction, reduceByLn2 } from "./ln2-reduction";

/*
 * eˣ − 1 by the method of fdlibm's s_expm1.c: the same reduction x = k·ln2 + r as exp, keeping
 * the reduction's rounding error c; on |r| ≤ ln2/2, expm1(r) = r + r²/2 + r³/(6 − r·t)·… through a
 * degree-5 rational form in r²/2 (Remez error below 2^-61); the result is reassembled as
 * 2^k·(expm1(r) + 1) − 1 in the order that keeps the subtraction of 1 exact for each range of k.
 */

const OVERFLOW = 709.782712893384;
const Q1 = -0.03333333333333313;
const Q2 = 0.0015873015872548146;
const Q3 = -0.0000793650757867488;
const Q4 = 0.000004008217827329362;
const Q5 = -2.0109921818362437e-7;

/** eˣ − 1, accurate for small x, within 1 ulp, identical on every engine. */
export function expm1(x: number): number {
  const high = highWord(x);
  const negative = high < 0;
  const magnitudeHigh = high & 0x7fffffff;

  if (magnitudeHigh >= 0x4043687a) {
    // |x| ≥ 56·ln2
    if (magnitudeHigh >= 0x40862e42) {
      if (magnitudeHigh >= 0x7ff00000) {
        if (((magnitudeHigh & 0xfffff) | lowWord(x)) !== 0) return x + x;
        return negative ? -1 : x;
      }
      if (x > OVERFLOW) return Number.POSITIVE_INFINITY;
    }
    if (negative) return -1; // eˣ < 2^-56: −1 is the correctly rounded value
  }

  let k = 0;
  let c = 0;
  let r = x;
  if (magnitudeHigh > 0x3fd62e42) {
    // |x| > ln2/2
    reduceByLn2(x, negative, magnitudeHigh);
    k = ln2Reduction[0];
    const hi = ln2Reduction[1];
    const lo = ln2Reduction[2];
    r = hi - lo;
    c = hi - r - lo; // the rounding error of r
  } else if (magnitudeHigh < 0x3c900000) {
    // |x| < 2^-54
    return x;
  }

  const halfR = 0.5 * r;
  const halfRSquared = r * halfR;
  const r1 =
    1 +
    halfRSquared *
      (Q1 + halfRSquared * (Q2 + halfRSquared * (Q3 + halfRSquared * (Q4 + halfRSquared * Q5))));
  const t = 3 - r1 * halfR;
  let e = halfRSquared * ((r1 - t) / (6 - r * t));
  if (k === 0) return r - (r * e - halfRSquared);

  e = r * (e - c) - c;
  e -= halfRSquared;
  if (k === -1) return 0.5 * (r - e) - 0.5;
  if (k === 1) {
    if (r < -0.25) return -2 * (e - (r + 0.5));
    return 1 + 2 * (r - e);
  }
  if (k <= -2 || k > 56) {
    // 2^k·(1 + expm1(r)) dominates (or vanishes against) the −1.
    const y = 1 - (e - r);
    return scaleByPowerOfTwo(y, k) - 1;
  }
  if (k < 20) {
    const oneMinusTwoToMinusK = withHighWord(0, 0x3ff00000 - (0x200000 >> k)); // 1 − 2^-k
    const y = oneMinusTwoToMinusK - (e - r);
    return scaleByPowerOfTwo(y, k);
  }
  const twoToMinusK = withHighWord(0, (0x3ff - k) << 20);
  const y = r - (e + twoToMinusK) + 1;
  return scaleByPowerOfTwo(y, k);
}
