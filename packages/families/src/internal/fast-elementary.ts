import { exp, log1p } from "@mixedmodels/math";

/*
 * `@mixedmodels/math`'s exp and log1p (fdlibm's e_exp.c and s_log1p.c) on the arguments the
 * fused family kernels pass them, with the same operations in the same order and so the same
 * bits, but with fdlibm's tests on the high word written as comparisons of doubles and its
 * scalings by 2^k as multiplications (exact while the result is normal), so that nothing goes
 * through a shared typed array. That store-and-reload costs more than the polynomial: 27 ns per
 * exp against 12 here. A PIRLS step takes one exp (and for the logit link one log1p) per
 * observation, and nothing else it does per observation comes close. Any other argument falls
 * back to the math package's functions. `fast-elementary.test.ts` compares the bits on millions
 * of arguments and on every branch boundary.
 */

const doubleView = new Float64Array(1);
const wordView = new Uint32Array(doubleView.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The double with high word `high` and low word 0 (module setup only). */
function withHigh(high: number): number {
  wordView[HIGH] = high >>> 0;
  wordView[1 - HIGH] = 0;
  return doubleView[0];
}

// exp's argument reduction and polynomial (math's exp.ts, ln2-reduction.ts).
const LN2_HI = 0.6931471803691238;
const LN2_LO = 1.9082149292705877e-10;
const P1 = 0.16666666666666602;
const P2 = -0.0027777777777015593;
const P3 = 0.00006613756321437934;
const P4 = -0.0000016533902205465252;
const P5 = 4.1381367970572385e-8;
/** |x| ≥ this ⟺ fdlibm's high word of |x| > 0x3fd62e42 (|x| > ln2/2: reduce). */
const HALF_LN2 = withHigh(0x3fd62e43);
/** |x| < this ⟺ high word < 0x3ff0a2b2 (|x| < 1.5·ln2: k = ±1). */
const THREE_HALVES_LN2 = withHigh(0x3ff0a2b2);
/** |x| < this ⟺ high word < 0x3e300000 (|x| < 2^-28: e^x = 1 + x). */
const EXP_TINY = withHigh(0x3e300000);
/** Beyond this the scaled result could leave the normal range: the math package's exp. */
const EXP_LIMIT = 700;
/** 2^k at index k + 1022 for k in [−1022, 1023], by exact doublings and halvings. */
const POWERS_OF_TWO = new Float64Array(2046);
{
  let power = 1;
  for (let k = 0; k <= 1023; k++, power *= 2) POWERS_OF_TWO[k + 1022] = power;
  power = 1;
  for (let k = 0; k >= -1022; k--, power /= 2) POWERS_OF_TWO[k + 1022] = power;
}

/** eˣ, the bits of `@mixedmodels/math`'s exp. */
export function expFast(x: number): number {
  const a = Math.abs(x);
  if (!(a <= EXP_LIMIT)) return exp(x);
  if (a < HALF_LN2) {
    if (a < EXP_TINY) return 1 + x;
    const t = x * x;
    const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    return 1 - ((x * c) / (c - 2) - x);
  }
  // Below 1.5·ln2 fdlibm takes k = ±1 and x ∓ ln2 directly, which is x − k·ln2_hi exactly; one
  // expression for both keeps k a double (a small integer on one side only makes V8 box k).
  const k =
    a < THREE_HALVES_LN2 ? Math.sign(x) : Math.trunc(Math.LOG2E * x + (x < 0 ? -0.5 : 0.5));
  const hi = x - k * LN2_HI;
  const lo = k * LN2_LO;
  const r = hi - lo;
  const t = r * r;
  const c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  return (1 - (lo - (r * c) / (2 - c) - hi)) * POWERS_OF_TWO[k + 1022];
}

// log1p's kernel (math's log-polynomial.ts).
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;
/** x < this ⟺ high word < 0x3fda827a (1 + x < √2: the kernel runs on f = x). */
const LOG1P_DIRECT = withHigh(0x3fda827a);
/** x < 2^-29 (high word < 0x3e200000) and 2^-54 (0x3c900000). */
const LOG1P_TINY = withHigh(0x3e200000);
const LOG1P_TINIER = withHigh(0x3c900000);
/** For u = 1 + x in [1, 2): u < this ⟺ its top fraction bits < 0x6a09e (u < √2). */
const SQRT2_BOUND = withHigh(0x3ff6a09e);
/** For u in [√2, 2): u ≥ this ⟺ (0x100000 − top fraction bits) >> 2 = 0 (|u/2 − 1| < 2^-20). */
const NEAR_TWO = withHigh(0x3ffffffd);

function logTail(z: number): number {
  const w = z * z;
  const odd = w * (LG2 + w * (LG4 + w * LG6));
  const even = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  return even + odd;
}

/** ln(1 + x) for x in [0, 1] (what the logit kernels pass: e^−|η|), the bits of math's log1p. */
export function log1pUnit(x: number): number {
  if (!(x > 0 && x <= 1)) return log1p(x);
  if (x < LOG1P_DIRECT) {
    if (x < LOG1P_TINY) return x < LOG1P_TINIER ? x : x - x * x * 0.5;
    const half = 0.5 * x * x;
    const s = x / (2 + x);
    return x - (half - s * (half + logTail(s * s)));
  }
  const u = 1 + x;
  if (u === 2) {
    // k = 1, f = 0.
    const c = (1 - (u - x)) / u + LN2_LO;
    return LN2_HI + c;
  }
  const c = (x - (u - 1)) / u;
  if (u < SQRT2_BOUND) {
    // k = 0: fdlibm drops the correction c here.
    const f = u - 1;
    const half = 0.5 * f * f;
    const s = f / (2 + f);
    return f - (half - s * (half + logTail(s * s)));
  }
  // k = 1, u/2 in [√2/2, 1).
  const f = u * 0.5 - 1;
  const half = 0.5 * f * f;
  if (u >= NEAR_TWO) {
    const r = half * (1 - 0.6666666666666666 * f);
    return LN2_HI - (r - (LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  return LN2_HI - (half - (s * (half + logTail(s * s)) + (LN2_LO + c)) - f);
}
