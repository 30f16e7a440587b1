import { betaDensityTerm } from "./internal/stirling-error";

const EPSILON = Number.EPSILON;
const TINY = 1e-300;
const MAX_ITERATIONS = 200_000;

/** I_x(a, b) and 1 − I_x(a, b) as a pair, each accurate in relative terms. */
export interface BetaTails {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Both tails of the regularized incomplete beta function at x, with y = 1 − x passed separately
 * so a caller that knows y more accurately than 1 − x (the t distribution) keeps that accuracy.
 * The continued fraction of Abramowitz & Stegun 26.5.8 converges fast for x < (a+1)/(a+b+2);
 * beyond that the symmetry I_x(a, b) = 1 − I_y(b, a) is used, so the tail computed directly is
 * always the smaller one.
 */
export function regularizedBetaTails(x: number, y: number, a: number, b: number): BetaTails {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`regularizedBeta: a and b must be positive and finite, got ${a}, ${b}`);
  }
  if (Number.isNaN(x) || Number.isNaN(y)) return { lower: Number.NaN, upper: Number.NaN };
  if (x < 0 || x > 1) throw new RangeError(`regularizedBeta: x must be in [0, 1], got ${x}`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  const direct = x < (a + 1) / (a + b + 2);
  const first = direct ? continuedFraction(x, y, a, b) : continuedFraction(y, x, b, a);
  let small = first.value;
  // The continued fraction loses about (its value / its prefactor)·ε to cancellation, which near
  // the switch point with one large and one small shape (Student's t with many degrees of
  // freedom) reaches 1e-12. Then the other side may be the better-conditioned route.
  if (first.ratio > ILL_CONDITIONED_RATIO) {
    const other = direct ? continuedFraction(y, x, b, a) : continuedFraction(x, y, a, b);
    const complement = 1 - other.value;
    const errorDirect = first.ratio * Number.EPSILON;
    const errorComplement =
      ((other.value * Math.max(1, other.ratio) + 1) * Number.EPSILON) / complement;
    // Both routes approximate the same number; a complement that disagrees beyond rounding has
    // lost everything to 1 − value and must not be used.
    const agrees = Math.abs(complement - first.value) <= 1e-8 * first.value;
    if (agrees && errorComplement < errorDirect) small = complement;
  }
  return direct ? { lower: small, upper: 1 - small } : { lower: 1 - small, upper: small };
}

const ILL_CONDITIONED_RATIO = 16;

/**
 * I_x(a, b) = x^a·y^b / (a·B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …))), by the modified Lentz method;
 * `ratio` is the value of the fraction, a measure of its cancellation.
 */
function continuedFraction(
  x: number,
  y: number,
  a: number,
  b: number,
): { value: number; ratio: number } {
  // x^a·y^b / (a·B(a, b)) = b/(a+b) · C(a+b, a)·x^a·y^b.
  const factor = (b / (a + b)) * betaDensityTerm(a, b, x, y);
  if (factor === 0) return { value: 0, ratio: 0 };
  const sum = a + b;
  let c = 1;
  // 1 − (a+b)·x/(a+1), rewritten with x + y = 1 so it does not cancel near the switch point.
  let d = ((a + 1) * y + (1 - b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let fraction = d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + even * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + even / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    fraction *= d * c;
    const odd = (-(a + m) * (sum + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + odd * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + odd / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return { value: factor * fraction, ratio: fraction };
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), 0 ≤ x ≤ 1, a, b > 0.
 * Relative error about 1e-14 when I_x is the smaller tail; for the upper tail 1 − I_x with the
 * same accuracy use {@link regularizedBetaTails}.
 *
 * @throws RangeError when a or b is not positive and finite, or x is outside [0, 1].
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  return regularizedBetaTails(x, 1 - x, a, b).lower;
}
