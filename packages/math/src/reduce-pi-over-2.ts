import { highWord, lowWord, scaleByPowerOfTwo } from "./bits";
import { piOverTwoScaled, twoOverPiScaled } from "./pi-bits";

/*
 * x = n·π/2 + (y₀ + y₁) with |y₀ + y₁| ≤ π/4 (slightly more near the rounding boundary).
 *
 * Up to |x| ≤ 2^20·π/2, Cody and Waite's reduction as fdlibm's e_rem_pio2.c does it: π/2 in three
 * 33-bit pieces plus tails, so n·piece is exact for n < 2^20; the second and third pieces are used
 * only when the first subtraction cancelled more than 16 (then 49) bits. The worst case over all
 * doubles loses about 61 bits (Ng, 1992), which the three pieces cover.
 *
 * Beyond, Payne and Hanek's reduction: x·(2/π) is formed exactly in integers from x's 53-bit
 * mantissa and 1300 bits of 2/π (BigInt, exact on every engine), its fraction multiplied by 192
 * bits of π/2, and the product rounded to a head and a tail. It is slow (tens of microseconds) and
 * runs only for arguments beyond 1.6e6.
 */

const INV_PIO2 = 0.6366197723675814;
const PIO2_1 = 1.5707963267341256; // first 33 bits of π/2
const PIO2_1T = 6.077100506506192e-11; // π/2 − PIO2_1
const PIO2_2 = 6.077100506303966e-11; // next 33 bits
const PIO2_2T = 2.0222662487959506e-21; // π/2 − (PIO2_1 + PIO2_2)
const PIO2_3 = 2.0222662487111665e-21; // next 33 bits
const PIO2_3T = 8.4784276603689e-32; // π/2 − (PIO2_1 + PIO2_2 + PIO2_3)
/** The pieces, for the test that checks them against the computed bits of π. */
export const codyWaitePieces = { PIO2_1, PIO2_1T, PIO2_2, PIO2_2T, PIO2_3, PIO2_3T } as const;
/** High word of 2^20·π/2: the end of Cody and Waite's range. */
const MEDIUM_LIMIT_HIGH = 0x413921fb;

/** Written by {@link reducePiOver2}: the head and tail of the reduced argument. */
export const reduced = new Float64Array(2);

/** The exponent field of x (biased), from its high word. */
function exponentField(x: number): number {
  return (highWord(x) >> 20) & 0x7ff;
}

/** Reduces finite x with |x| > π/4; returns n mod 4 and writes y₀, y₁ to {@link reduced}. */
export function reducePiOver2(x: number): number {
  const magnitudeHigh = highWord(x) & 0x7fffffff;
  if (magnitudeHigh > MEDIUM_LIMIT_HIGH) return reduceLarge(x);
  const t = Math.abs(x);
  const n = Math.trunc(t * INV_PIO2 + 0.5);
  let r = t - n * PIO2_1;
  let w = n * PIO2_1T;
  let head = r - w;
  const exponent = magnitudeHigh >> 20;
  if (exponent - exponentField(head) > 16) {
    // More than 16 bits cancelled: subtract the second piece too.
    let previous = r;
    w = n * PIO2_2;
    r = previous - w;
    w = n * PIO2_2T - (previous - r - w);
    head = r - w;
    if (exponent - exponentField(head) > 49) {
      previous = r;
      w = n * PIO2_3;
      r = previous - w;
      w = n * PIO2_3T - (previous - r - w);
      head = r - w;
    }
  }
  const tail = r - head - w;
  if (x < 0) {
    reduced[0] = -head;
    reduced[1] = -tail;
    return -n & 3;
  }
  reduced[0] = head;
  reduced[1] = tail;
  return n & 3;
}

/** Bits kept of the reduced argument before it is rounded to head and tail. */
const KEPT_BITS = 128;

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** Payne–Hanek for |x| > 2^20·π/2 (see the file comment). */
function reduceLarge(x: number): number {
  const high = highWord(x);
  const mantissa = (BigInt((high & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const exponent = ((high >> 20) & 0x7ff) - 1075; // |x| = mantissa·2^exponent
  const { value: twoOverPi, bits: twoOverPiBits } = twoOverPiScaled();
  // |x|·2/π = product / 2^shift; shift stays above 53 + 130 for every double (exponent ≤ 971).
  const product = mantissa * twoOverPi;
  const shift = BigInt(twoOverPiBits - exponent);
  let quadrant = product >> shift;
  let fraction = product - (quadrant << shift);
  if (fraction >= 1n << (shift - 1n)) {
    quadrant += 1n;
    fraction -= 1n << shift;
  }
  const { value: piOverTwo, bits: piOverTwoBits } = piOverTwoScaled();
  // The reduced argument is radians = fraction·π/2 / 2^(shift + piOverTwoBits).
  let radians = fraction * piOverTwo;
  const negative = radians < 0n;
  if (negative) radians = -radians;
  const drop = Math.max(0, bitLength(radians) - KEPT_BITS);
  radians >>= BigInt(drop);
  const headScaled = Number(radians); // nearest double, as the language defines it
  const tailScaled = Number(radians - BigInt(headScaled));
  const scale = drop - Number(shift) - piOverTwoBits;
  const sign = negative ? -1 : 1;
  let n = Number(quadrant & 3n);
  reduced[0] = sign * scaleByPowerOfTwo(headScaled, scale);
  reduced[1] = sign * scaleByPowerOfTwo(tailScaled, scale);
  if (x < 0) {
    reduced[0] = -reduced[0];
    reduced[1] = -reduced[1];
    n = -n & 3;
  }
  return n;
}
