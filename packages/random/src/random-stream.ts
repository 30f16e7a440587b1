import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";
import { xoroshiroStateOfSeed } from "./seed-state";

const TWO_POW_MINUS_26 = 2 ** -26;
const TWO_POW_MINUS_53 = 2 ** -53;

/**
 * A seeded stream of random numbers: pure-rand's xoroshiro128+ (Blackman & Vigna), whose
 * arithmetic is 32-bit integer operations only, so a seed gives the same numbers on every engine.
 * Independent streams come from `jump()` (2⁶⁴ steps ahead): `streamAt(seed, i)` is the i-th, so
 * replicate i of a simulation draws from stream i whoever computes it.
 *
 * pure-rand's generator returns the low 32 bits of each 64-bit output, whose lowest bits are the
 * weak ones of xoroshiro128+ (low linear complexity); `uniform()` therefore takes its 53 bits from
 * the upper 26 and 27 bits of two outputs rather than pure-rand's `uniformFloat64`, which keeps
 * the lowest ones.
 */
export class RandomStream {
  private readonly generator: JumpableRandomGenerator;

  private constructor(generator: JumpableRandomGenerator) {
    this.generator = generator;
  }

  /**
   * The stream of a seed (an integer in [−2³¹, 2³²); it is taken modulo 2³²), its state from two
   * SplitMix64 outputs of the seed.
   * @throws RangeError for a seed that is not such an integer.
   */
  static fromSeed(seed: number): RandomStream {
    return new RandomStream(xoroshiro128plusFromState(xoroshiroStateOfSeed(checkSeed(seed))));
  }

  /** A stream from the four 32-bit words of `state()`. */
  static fromState(state: readonly number[]): RandomStream {
    if (state.length !== 4 || !state.every((word) => Number.isInteger(word))) {
      throw new RangeError("RandomStream.fromState: the state must be four 32-bit integers");
    }
    return new RandomStream(xoroshiro128plusFromState(state.map((word) => word | 0)));
  }

  /** The generator's state, four 32-bit words (plain JSON), to resume the stream later. */
  state(): number[] {
    return Array.from(this.generator.getState());
  }

  /** A copy that continues independently from the same point. */
  clone(): RandomStream {
    return new RandomStream(this.generator.clone());
  }

  /** Advance this stream by 2⁶⁴ steps (in place): the start of the next independent stream. */
  jump(): this {
    this.generator.jump();
    return this;
  }

  /** The next 32 random bits as an unsigned integer. */
  uint32(): number {
    return this.generator.next() >>> 0;
  }

  /** Uniform on [0, 1): a multiple of 2⁻⁵³. */
  uniform(): number {
    const high = this.generator.next() >>> 6;
    const low = this.generator.next() >>> 5;
    return high * TWO_POW_MINUS_26 + low * TWO_POW_MINUS_53;
  }

  /** Uniform on (0, 1): never exactly 0, for samplers that take a logarithm. */
  uniformPositive(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }
}

/**
 * Stream `index` of `seed`: the seed's stream advanced by `index` jumps. Streams of distinct
 * indices do not overlap for 2⁶⁴ draws.
 * @throws RangeError for a negative or non-integer index, or a bad seed.
 */
export function streamAt(seed: number, index: number): RandomStream {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`streamAt: the stream index must be a non-negative integer, got ${index}`);
  }
  const stream = RandomStream.fromSeed(seed);
  for (let i = 0; i < index; i++) stream.jump();
  return stream;
}

/**
 * Streams `first`, `first + 1`, ... of `seed` in order, each computed from the previous one by one
 * jump (so a range of replicates costs one jump per replicate, not one per index).
 */
export function* streamsFrom(seed: number, first = 0): Generator<RandomStream, never, undefined> {
  const current = streamAt(seed, first);
  for (;;) {
    yield current.clone();
    current.jump();
  }
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 32) {
    throw new RangeError(`seed must be an integer in [-2^31, 2^32), got ${seed}`);
  }
  return seed | 0;
}
