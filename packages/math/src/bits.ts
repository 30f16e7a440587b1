/**
 * Access to the two 32-bit halves of a double through one shared buffer. Typed-array stores and
 * loads are exact, so this is as deterministic as arithmetic; the word order is read once from the
 * platform instead of assuming little-endian.
 */
const doubleView = new Float64Array(1);
const wordView = new Uint32Array(doubleView.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HIGH = littleEndian ? 1 : 0;
const LOW = 1 - HIGH;

/** Sign, exponent and the top 20 fraction bits of x, as a signed 32-bit integer (as fdlibm reads them). */
export function highWord(x: number): number {
  doubleView[0] = x;
  return wordView[HIGH] | 0;
}

/** The low 32 fraction bits of x, unsigned. */
export function lowWord(x: number): number {
  doubleView[0] = x;
  return wordView[LOW];
}

/** The double whose halves are `high` and `low` (both taken modulo 2³²). */
export function fromWords(high: number, low: number): number {
  wordView[HIGH] = high >>> 0;
  wordView[LOW] = low >>> 0;
  return doubleView[0];
}

/** x with its high word replaced. */
export function withHighWord(x: number, high: number): number {
  doubleView[0] = x;
  wordView[HIGH] = high >>> 0;
  return doubleView[0];
}

/** x with its low 32 fraction bits cleared: the leading 21 bits, for exact products in splits. */
export function withLowWordZero(x: number): number {
  doubleView[0] = x;
  wordView[LOW] = 0;
  return doubleView[0];
}

/**
 * x·2ⁿ with one rounding, for x zero or normal and n in [−1100, 1100]: the exponent field is adjusted
 * directly when the result stays normal; otherwise the product goes through 2^±1000 so that only
 * the last multiplication rounds (into the subnormals) or overflows.
 */
export function scaleByPowerOfTwo(x: number, n: number): number {
  if (x === 0) return x;
  let k = n;
  let y = x;
  if (k > 1023) {
    y *= 8.98846567431158e307; // 2^1023
    k -= 1023;
    if (k > 1023) return y * 8.98846567431158e307;
  }
  const high = highWord(y);
  const biased = ((high >> 20) & 0x7ff) + k;
  if (biased > 0 && biased < 0x7ff) return withHighWord(y, (high & 0x800fffff) | (biased << 20));
  if (biased >= 0x7ff) return y * 8.98846567431158e307 * 8.98846567431158e307;
  if (biased < -60) return y * 1e-300 * 1e-300; // below half the least subnormal: a signed zero
  // Subnormal result: put the exponent 1000 higher, then let one multiplication by 2^-1000 round.
  return withHighWord(y, (high & 0x800fffff) | ((biased + 1000) << 20)) * 9.332636185032189e-302;
}

/**
 * Units in the last place between a and b (finite), for tests and diagnostics: the distance of
 * their positions in the ordered list of doubles. Exact below 2^53; the words are subtracted
 * separately because a position itself (up to 2^63) has no exact double.
 */
export function ulpDistance(a: number, b: number): number {
  const highA = highWord(a);
  const lowA = lowWord(a);
  const highB = highWord(b);
  const lowB = lowWord(b);
  const magnitudeA = highA & 0x7fffffff;
  const magnitudeB = highB & 0x7fffffff;
  if (highA < 0 === highB < 0)
    return Math.abs((magnitudeA - magnitudeB) * 4294967296 + (lowA - lowB));
  return magnitudeA * 4294967296 + lowA + magnitudeB * 4294967296 + lowB; // across zero
}
