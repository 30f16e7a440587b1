const MASK_64 = (1n << 64n) - 1n;

/**
 * SplitMix64 (Steele, Lea & Flood 2014), the seeding Vigna recommends for xoroshiro: consecutive
 * outputs from the state `seed`. pure-rand's own `xoroshiro128plus(seed)` puts the seed into the
 * state unmixed, so its first outputs track the seed (seed 42 starts at 0.99999...); mixing it
 * first gives unrelated streams for nearby seeds. BigInt is exact everywhere and this runs once
 * per seed.
 */
export function splitMix64(seed: bigint, count: number): bigint[] {
  let state = seed & MASK_64;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b97f4a7c15n) & MASK_64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

/**
 * The xoroshiro128+ state of a seed as pure-rand's four 32-bit words (high and low word of s0,
 * then of s1), from two SplitMix64 outputs. An all-zero state cannot occur: SplitMix64 is a
 * bijection of its state, and its two outputs are never both zero.
 */
export function xoroshiroStateOfSeed(seed: number): number[] {
  const [s0, s1] = splitMix64(BigInt(seed >>> 0), 2);
  const word = (x: bigint, shift: bigint) => Number((x >> shift) & 0xffffffffn) | 0;
  return [word(s0, 32n), word(s0, 0n), word(s1, 32n), word(s1, 0n)];
}
