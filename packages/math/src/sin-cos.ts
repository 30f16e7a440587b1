import { highWord } from "./bits";
import { reducePiOver2, reduced } from "./reduce-pi-over-2";
import { cosKernel, sinKernel } from "./trig-kernels";

/** High word of π/4 (rounded down): no reduction at or below it. */
const QUARTER_PI_HIGH = 0x3fe921fb;

/** sin x, within 1 ulp, identical on every engine (any finite x; Payne–Hanek beyond 1.6e6). */
export function sin(x: number): number {
  const magnitudeHigh = highWord(x) & 0x7fffffff;
  if (magnitudeHigh <= QUARTER_PI_HIGH) {
    if (magnitudeHigh < 0x3e500000) return x; // |x| < 2^-26: sin x = x to working precision
    return sinKernel(x, 0);
  }
  if (magnitudeHigh >= 0x7ff00000) return x - x; // NaN for ±Infinity and NaN
  const quadrant = reducePiOver2(x);
  const head = reduced[0];
  const tail = reduced[1];
  switch (quadrant) {
    case 0:
      return sinKernel(head, tail);
    case 1:
      return cosKernel(head, tail);
    case 2:
      return -sinKernel(head, tail);
    default:
      return -cosKernel(head, tail);
  }
}

/** cos x, within 1 ulp, identical on every engine (any finite x; Payne–Hanek beyond 1.6e6). */
export function cos(x: number): number {
  const magnitudeHigh = highWord(x) & 0x7fffffff;
  if (magnitudeHigh <= QUARTER_PI_HIGH) {
    if (magnitudeHigh < 0x3e46a09e) return 1; // |x| < 2^-27·√2: cos x = 1 to working precision
    return cosKernel(x, 0);
  }
  if (magnitudeHigh >= 0x7ff00000) return x - x;
  const quadrant = reducePiOver2(x);
  const head = reduced[0];
  const tail = reduced[1];
  switch (quadrant) {
    case 0:
      return cosKernel(head, tail);
    case 1:
      return -sinKernel(head, tail);
    case 2:
      return -cosKernel(head, tail);
    default:
      return sinKernel(head, tail);
  }
}
