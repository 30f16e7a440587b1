/**
 * Exact powers of two and binary exponents by bit manipulation: the scale factors of the column
 * conditioning must not depend on an engine's `Math.log2` or `Math.pow` in their last bit.
 */
const view = new DataView(new ArrayBuffer(8));

/** 2^k for an integer k in [−1022, 1023] (normal range), exactly. */
export function powerOfTwo(k: number): number {
  if (!Number.isInteger(k) || k < -1022 || k > 1023) {
    throw new RangeError(`powerOfTwo: exponent ${k} outside [-1022, 1023]`);
  }
  view.setUint32(0, (k + 1023) << 20);
  view.setUint32(4, 0);
  return view.getFloat64(0);
}

const MIN_NORMAL = powerOfTwo(-1022);
const TWO_TO_64 = powerOfTwo(64);

/** e with 2^e ≤ |x| < 2^(e+1) for a finite nonzero x (subnormals included). */
export function binaryExponent(x: number): number {
  let value = Math.abs(x);
  let adjust = 0;
  if (value < MIN_NORMAL) {
    value *= TWO_TO_64;
    adjust = -64;
  }
  view.setFloat64(0, value);
  return ((view.getUint32(0) >>> 20) & 0x7ff) - 1023 + adjust;
}

/** The integer k nearest to log₂|x| (ties at 2^(k+½) go up), for a finite nonzero x. */
export function nearestBinaryExponent(x: number): number {
  const e = binaryExponent(x);
  // |x|/2^e lies in [1, 2); compare with √2 exactly by squaring (exact in binary: m² < 2).
  const mantissa = Math.abs(x) * powerOfTwo(-e);
  return mantissa * mantissa >= 2 ? e + 1 : e;
}
