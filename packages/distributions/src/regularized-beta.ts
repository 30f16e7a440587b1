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
 * beyond that the symmetry I_x(a, b) = 1 − I_y(b, a) is used. Near that switch point the tail
 * computed directly may be the larger one by a little; elsewhere it is the smaller one, so the
 * other, 1 minus it, loses nothing.
 */
export function regularizedBetaTails(x: number, y: number, a: number, b: number): BetaTails {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`regularizedBeta: a and b must be positive and finite, got ${a}, ${b}`);
  }
  if (Number.isNaN(x) || Number.isNaN(y)) return { lower: Number.NaN, upper: Number.NaN };
  if (x < 0 || x > 1) throw new RangeError(`regularizedBeta: x must be in [0, 1], got ${x}`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (y === 0) return { lower: 1, upper: 0 };
  if (x < (a + 1) / (a + b + 2)) {
    const lower = continuedFraction(x, y, a, b);
    return { lower, upper: 1 - lower };
  }
  const upper = continuedFraction(y, x, b, a);
  return { lower: 1 - upper, upper };
}

/**
 * I_x(a, b) = x^a·y^b / (a·B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …))) (Abramowitz & Stegun 26.5.8).
 */
function continuedFraction(x: number, y: number, a: number, b: number): number {
  // x^a·y^b / (a·B(a, b)) = b/(a+b) · C(a+b, a)·x^a·y^b.
  const factor = (b / (a + b)) * betaDensityTerm(a, b, x, y);
  if (factor === 0) return 0;
  const depth = convergenceDepth(x, y, a, b);
  // Evaluated again from the bottom up to a margin beyond where the forward pass stopped:
  // with a large and b small (Student's t with many df) every odd level 1 + d₂ₘ₊₁ nearly cancels,
  // and the backward pass can take those levels in their cancellation-free form.
  return factor / backwardDenominator(x, y, a, b, Math.ceil(1.5 * depth) + 20);
}

function evenCoefficient(x: number, a: number, b: number, m: number): number {
  return (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
}

function oddCoefficient(x: number, a: number, b: number, m: number): number {
  return (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
}

/**
 * 1 + d₂ₘ₊₁ with x + y = 1 used to cancel the leading terms exactly:
 * (x·[a(2m+1−b) + m(3m+2−b)] + y·(a+2m)(a+2m+1)) / ((a+2m)(a+2m+1)).
 */
function oddLevel(x: number, y: number, a: number, b: number, m: number): number {
  const denominator = (a + 2 * m) * (a + 2 * m + 1);
  return (x * (a * (2 * m + 1 - b) + m * (3 * m + 2 - b)) + y * denominator) / denominator;
}

/** The number of Lentz iterations (each one even and one odd level) the forward pass needs. */
function convergenceDepth(x: number, y: number, a: number, b: number): number {
  let c = 1;
  let d = oddLevel(x, y, a, b, 0);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const even = evenCoefficient(x, a, b, m);
    d = 1 + even * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + even / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const evenDelta = d * c;
    const odd = oddCoefficient(x, a, b, m);
    d = 1 + odd * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + odd / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = evenDelta * d * c;
    if (Math.abs(delta - 1) < EPSILON) return m;
  }
  return MAX_ITERATIONS;
}

/**
 * The denominator F₁ of the fraction, Fₖ = 1 + dₖ/Fₖ₊₁, evaluated from level 2·depth+1 upwards.
 * An even level is 1 + g with g = d₂ₘ/F₂ₘ₊₁, so the odd level above it,
 * F₂ₘ₋₁ = 1 + d₂ₘ₋₁/(1 + g) = (1 + d₂ₘ₋₁) − d₂ₘ₋₁·g/(1 + g), can use the exact form of 1 + d₂ₘ₋₁.
 */
function backwardDenominator(x: number, y: number, a: number, b: number, depth: number): number {
  let oddLevelValue = oddLevel(x, y, a, b, depth);
  for (let m = depth; m >= 1; m--) {
    const g = evenCoefficient(x, a, b, m) / guardTiny(oddLevelValue);
    oddLevelValue =
      oddLevel(x, y, a, b, m - 1) - (oddCoefficient(x, a, b, m - 1) * g) / guardTiny(1 + g);
  }
  return oddLevelValue;
}

function guardTiny(value: number): number {
  return Math.abs(value) < TINY ? TINY : value;
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), 0 ≤ x ≤ 1, a, b > 0.
 * Relative error below 1e-12 (typically 1e-14) when I_x is the smaller tail; for 1 − I_x with the
 * same accuracy use {@link regularizedBetaTails}.
 *
 * @throws RangeError when a or b is not positive and finite, or x is outside [0, 1].
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  return regularizedBetaTails(x, 1 - x, a, b).lower;
}
