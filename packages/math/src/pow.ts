import {
  fromWords,
  highWord,
  lowWord,
  scaleByPowerOfTwo,
  withHighWord,
  withLowWordZero,
} from "./bits";
import { exactPower, isOddInteger } from "./pow-special";

/*
 * xʸ by the method of fdlibm's e_pow.c: log2|x| in extra precision as t1 + t2 (t1 with 21
 * significant bits) from x = 2ⁿ·(1 + f), with 1 + f reduced against 1 or 1.5 and
 * log2(1 + f) = 2s/ln2·(1 + s²/3 + …) for s = f/(2 + f) (a degree-12 minimax tail, error 2^-62);
 * y is split into 21-bit head and tail so y·t1 is exact; y·log2|x| = z = integer m + fraction;
 * 2^fraction by exp's rational form; the result scaled by 2^m with one rounding. Error below
 * 1 ulp (fdlibm reports 0.5 + 2^-54 at most for the bulk of the domain). The special cases follow
 * ECMAScript, not C99 (see pow-special.ts).
 */

const BP = [1, 1.5];
const DP_HI = [0, 0.5849624872207642]; // log2(1.5), head
const DP_LO = [0, 1.350039202129749e-8]; // and tail
const TWO_53 = 9007199254740992;
const L1 = 0.5999999999999946;
const L2 = 0.4285714285785502;
const L3 = 0.33333332981837743;
const L4 = 0.272728123808534;
const L5 = 0.23066074577556175;
const L6 = 0.20697501780033842;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
const LG2 = Math.LN2;
const LG2_HI = 0.6931471824645996;
const LG2_LO = -1.904654299957768e-9;
/** −(1024 − log2(largest double)): the margin of the overflow test at z = 1024. */
const OVERFLOW_MARGIN = 8.008566259537294e-17;
const CP = 0.9617966939259756; // 2/(3·ln2)
const CP_HI = 0.9617967009544373;
const CP_LO = -7.028461650952758e-9;
const INV_LN2 = Math.LOG2E;
const INV_LN2_HI = 1.4426950216293335;
const INV_LN2_LO = 1.9259629911266175e-8;
const HUGE = 1e300;
const TINY = 1e-300;

/** xʸ with ECMAScript's special cases, within 1 ulp, identical on every engine. */
export function pow(x: number, y: number): number {
  const special = exactPower(x, y);
  if (special !== undefined) return special;
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 2) return x * x;
  if (y === 0.5 && x > 0) return Math.sqrt(x);

  const sign = x < 0 && isOddInteger(y) ? -1 : 1;
  let ax = Math.abs(x);
  let ix = highWord(ax);
  const iy = highWord(y) & 0x7fffffff;
  const yNegative = y < 0;

  // log2|x| = t1 + t2, t1 with its low word cleared.
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31: the result overflows or underflows unless |x| is within 2^-20 of 1.
    if (iy > 0x43f00000) {
      // |y| > 2^64
      if (ix <= 0x3fefffff) return yNegative ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return yNegative ? TINY * TINY : HUGE * HUGE;
    }
    if (ix < 0x3fefffff) return yNegative ? sign * HUGE * HUGE : sign * TINY * TINY;
    if (ix > 0x3ff00000) return yNegative ? sign * TINY * TINY : sign * HUGE * HUGE;
    // |1 − x| < 2^-20: log2(x) by its series in t = x − 1.
    const t = ax - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = INV_LN2_HI * t;
    const v = t * INV_LN2_LO - w * INV_LN2;
    t1 = withLowWordZero(u + v);
    t2 = v - (t1 - u);
  } else {
    let n = 0;
    if (ix < 0x00100000) {
      // subnormal x
      ax *= TWO_53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    ix = j | 0x3ff00000;
    // Reduce the mantissa against 1 (below √(3/2)) or 1.5 (below √3), else halve it against 1.
    let k: number;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHighWord(ax, ix);

    // s = (ax − bp)/(ax + bp) as s_h + s_l, s_h with 21 bits.
    const u = ax - BP[k];
    const v = 1 / (ax + BP[k]);
    const ss = u * v;
    const sHi = withLowWordZero(ss);
    let tHi = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0); // ≈ ax + bp
    let tLo = ax - (tHi - BP[k]);
    const sLo = v * (u - sHi * tHi - sHi * tLo);
    // log2(ax) = (2/ln2)·(s + s³/3 + …) in extra precision.
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sLo * (sHi + ss);
    s2 = sHi * sHi;
    tHi = withLowWordZero(3 + s2 + r);
    tLo = r - (tHi - 3 - s2);
    const uu = sHi * tHi;
    const vv = sLo * tHi + tLo * ss;
    const pHi = withLowWordZero(uu + vv);
    const pLo = vv - (pHi - uu);
    const zHi = CP_HI * pHi;
    const zLo = CP_LO * pHi + pLo * CP + DP_LO[k];
    t1 = withLowWordZero(zHi + zLo + DP_HI[k] + n);
    t2 = zLo - (t1 - n - DP_HI[k] - zHi);
  }

  // z = y·log2|x| = pHi + pLo, with y split so y1·t1 is exact.
  const y1 = withLowWordZero(y);
  const pLo = (y - y1) * t1 + y * t2;
  let pHi = y1 * t1;
  let z = pLo + pHi;
  let j = highWord(z);
  const i = lowWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | i) !== 0) return sign * HUGE * HUGE;
    if (pLo + OVERFLOW_MARGIN > z - pHi) return sign * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - (0xc090cc00 | 0)) | i) !== 0) return sign * TINY * TINY;
    if (pLo <= z - pHi) return sign * TINY * TINY;
  }

  // z = m + fraction with |fraction| ≤ 1/2; 2^fraction by exp's rational approximation.
  const magnitude = j & 0x7fffffff;
  let k = (magnitude >> 20) - 0x3ff;
  let m = 0;
  if (magnitude > 0x3fe00000) {
    m = j + (0x00100000 >> (k + 1));
    k = ((m & 0x7fffffff) >> 20) - 0x3ff;
    const integerPart = fromWords(m & ~(0x000fffff >> k), 0);
    m = ((m & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) m = -m;
    pHi -= integerPart;
  }
  const t = withLowWordZero(pLo + pHi);
  const u = t * LG2_HI;
  const v = (pLo - (t - pHi)) * LG2 + t * LG2_LO;
  z = u + v;
  const w = v - (z - u);
  const zz = z * z;
  const c = z - zz * (P1 + zz * (P2 + zz * (P3 + zz * (P4 + zz * P5))));
  const r = (z * c) / (c - 2) - (w + z * w);
  z = 1 - (r - z);
  j = highWord(z) + (m << 20);
  if (j >> 20 <= 0) return sign * scaleByPowerOfTwo(z, m);
  return sign * withHighWord(z, j);
}
