/** A fixed 32-bit xorshift stream of uniforms in [0, 1): the same samples on every run and engine. */
export function xorshiftStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}
