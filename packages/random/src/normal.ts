import { log } from "./elementary";
import type { RandomStream } from "./random-stream";

/**
 * One standard normal draw by Marsaglia's polar method: two uniforms on (−1, 1) accepted inside
 * the unit disc, scaled by √(−2 log s / s). It needs only a logarithm and a square root (exact in
 * IEEE arithmetic), unlike Box–Muller's sine and cosine. The pair's second value is discarded so
 * that a draw never depends on an earlier call; `fillNormal` uses both.
 */
export function normal(stream: RandomStream): number {
  for (;;) {
    const x = 2 * stream.uniform() - 1;
    const y = 2 * stream.uniform() - 1;
    const s = x * x + y * y;
    if (s < 1 && s > 0) return x * Math.sqrt((-2 * log(s)) / s);
  }
}

/**
 * Fills `target[offset .. offset + count)` with standard normal draws, both values of each polar
 * pair in turn (the last one of an odd count is discarded).
 */
export function fillNormal(
  stream: RandomStream,
  target: Float64Array,
  offset = 0,
  count = target.length - offset,
): Float64Array {
  const end = offset + count;
  let i = offset;
  while (i < end) {
    const x = 2 * stream.uniform() - 1;
    const y = 2 * stream.uniform() - 1;
    const s = x * x + y * y;
    if (!(s < 1 && s > 0)) continue;
    const scale = Math.sqrt((-2 * log(s)) / s);
    target[i++] = x * scale;
    if (i < end) target[i++] = y * scale;
  }
  return target;
}
