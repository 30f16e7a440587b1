import { exp } from "./internal/elementary";
const INV_SQRT_2PI = 0.3989422804014327;
/** Below this |z| the power series is used (1 − Φ ≥ 0.16 there, so ½ − (Φ − ½) loses no digits),
 * above it the continued fraction (at most about 400 terms, at z = 1). */
const SERIES_LIMIT = 1;
const MAX_ITERATIONS = 10_000;

/**
 * The standard normal density exp(−z²/2)/√(2π), with z² split so that the exponent carries no
 * rounding error: z = h + l with h a multiple of 1/16, so h² is exact and only the small part
 * l·(z + h) rounds. Without this, exp(−z²/2) at z ≈ 37 would have a relative error near 1e-13.
 */
export function normalDensity(z: number): number {
  const absolute = Math.abs(z);
  if (absolute > 1e6) return 0;
  const high = Math.trunc(absolute * 16) / 16;
  const low = absolute - high;
  return INV_SQRT_2PI * exp(-0.5 * high * high) * exp(-0.5 * low * (absolute + high));
}

/** Φ(z) − ½ for 0 ≤ z < 1: φ(z)·(z + z³/3 + z⁵/(3·5) + …), a series of positive terms. */
function centralPart(z: number): number {
  const z2 = z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= z2 / (2 * n + 1);
    sum += term;
    if (term < sum * Number.EPSILON) break;
  }
  return normalDensity(z) * sum;
}

/**
 * 1 − Φ(z) for z ≥ 1 as φ(z)/(z + 1/(z + 2/(z + 3/(z + …)))), Laplace's continued fraction,
 * evaluated by the modified Lentz method; its relative error does not grow in the tail.
 */
function upperTailFraction(z: number): number {
  const density = normalDensity(z);
  if (density === 0) return 0;
  let c = z;
  let d = 0;
  let fraction = z;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    d = 1 / (z + i * d);
    c = z + i / c;
    const delta = c * d;
    fraction *= delta;
    if (Math.abs(delta - 1) < Number.EPSILON) break;
  }
  return density / fraction;
}

/**
 * The upper tail 1 − Φ(z) of the standard normal distribution, computed directly (never as
 * 1 − Φ): relative error below 1e-13 wherever the result is above 1e-300 (z up to about 37),
 * e.g. normalSurvival(10) = 7.619853024160527e-24. Returns NaN for NaN.
 */
export function normalSurvival(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  if (z >= SERIES_LIMIT) return upperTailFraction(z);
  if (z > 0) return 0.5 - centralPart(z);
  if (z > -SERIES_LIMIT) return 0.5 + centralPart(-z);
  return 1 - upperTailFraction(-z);
}

/**
 * The standard normal distribution function Φ(z) = P(Z ≤ z), accurate in relative terms in the
 * lower tail as well (Φ(z) = normalSurvival(−z)). Returns NaN for NaN.
 */
export function normalCdf(z: number): number {
  return normalSurvival(-z);
}

/**
 * The two-sided p-value P(|Z| ≥ |z|) = 2·normalSurvival(|z|), the `Pr(>|z|)` column of a
 * coefficient table. Returns NaN for NaN.
 */
export function normalTwoSidedPValue(z: number): number {
  return 2 * normalSurvival(Math.abs(z));
}
