/*
 * π to 1400 bits, computed once on first use with exact integer arithmetic (Machin's formula
 * π = 16·atan(1/5) − 4·atan(1/239)), for the Payne–Hanek reduction of huge arguments. Computing
 * the digits instead of pasting a table keeps them checkable: the tests compare the head of these
 * bits with the Cody–Waite constants and with Math.PI.
 */

export const PI_BITS = 1400;
/** Bits of 2/π kept to the right of the binary point. */
const TWO_OVER_PI_BITS = 1300;
/** Bits of π/2 kept to the right of the binary point. */
const PI_OVER_TWO_BITS = 192;

/** atan(1/m)·2^bits, truncated term by term (error below the number of terms). */
export function arctanReciprocal(m: bigint, bits: number): bigint {
  const one = 1n << BigInt(bits);
  const mSquared = m * m;
  let power = one / m; // 2^bits / m^(2k+1)
  let sum = 0n;
  for (let k = 0n; power !== 0n; k += 1n) {
    const term = power / (2n * k + 1n);
    sum = k % 2n === 0n ? sum + term : sum - term;
    power /= mSquared;
  }
  return sum;
}

let piScaled: bigint | undefined;

/** π·2^1400 truncated, with an error of at most one unit (32 guard bits absorb the series' errors). */
export function pi(): bigint {
  if (piScaled === undefined) {
    const guard = 32;
    const bits = PI_BITS + guard;
    const value = 16n * arctanReciprocal(5n, bits) - 4n * arctanReciprocal(239n, bits);
    piScaled = value >> BigInt(guard);
  }
  return piScaled;
}

export interface ScaledConstant {
  /** The constant times 2^bits, as an integer. */
  value: bigint;
  bits: number;
}

let twoOverPi: ScaledConstant | undefined;
let piOverTwo: ScaledConstant | undefined;

/** 2/π·2^1300, accurate to within one unit. */
export function twoOverPiScaled(): ScaledConstant {
  if (twoOverPi === undefined) {
    const value = (1n << BigInt(TWO_OVER_PI_BITS + PI_BITS + 1)) / pi();
    twoOverPi = { value, bits: TWO_OVER_PI_BITS };
  }
  return twoOverPi;
}

/** π/2·2^192, accurate to within one unit. */
export function piOverTwoScaled(): ScaledConstant {
  if (piOverTwo === undefined) {
    const value = pi() >> BigInt(PI_BITS - PI_OVER_TWO_BITS + 1);
    piOverTwo = { value, bits: PI_OVER_TWO_BITS };
  }
  return piOverTwo;
}
