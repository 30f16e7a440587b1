import { exp, log, log1p } from "./elementary";
/** log(sqrt(2π)). */
export const LOG_SQRT_2PI = 0.9189385332046727;

/** Below this argument the Stirling series is not accurate to double precision; recur upward. */
const SERIES_THRESHOLD = 15;

/**
 * The error of Stirling's formula, S(n) = log Γ(n+1) − [(n + ½) log n − n + log √(2π)], for n > 0.
 * Written this way (Loader, 2000, "Fast and accurate computation of binomial probabilities"), a
 * density of the gamma or beta family is a product of small, well-conditioned factors, which is
 * what keeps tail probabilities accurate to the last few digits when the shape parameters are
 * large. Absolute error a few ulps.
 */
export function stirlingError(n: number): number {
  if (n >= SERIES_THRESHOLD) return stirlingSeries(n);
  // S(n) − S(n+1) = (n + ½)·log(1 + 1/n) − 1: each step is small and computed without cancellation
  // beyond one ulp, so recurring up to the series region loses almost nothing.
  let sum = 0;
  let m = n;
  while (m < SERIES_THRESHOLD) {
    sum += (m + 0.5) * log1p(1 / m) - 1;
    m += 1;
  }
  return sum + stirlingSeries(m);
}

/** The asymptotic series 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹), n ≥ 15. */
function stirlingSeries(n: number): number {
  const n2 = 1 / (n * n);
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - (1 / 1188) * n2) * n2) * n2) * n2) / n;
}

/**
 * The deviance term D(x, m) = x·log(x/m) + m − x ≥ 0, computed without cancellation when x ≈ m by
 * the series in v = (x − m)/(x + m) (after Loader, 2000). x ≥ 0, m ≥ 0.
 */
export function deviancePart(x: number, m: number): number {
  if (x === 0) return m;
  if (m === 0) return Number.POSITIVE_INFINITY;
  if (!Number.isFinite(m)) return Number.POSITIVE_INFINITY;
  const difference = x - m;
  // Loader switches to the logarithm at |v| = 0.1; x·log(x/m) + m − x then cancels up to a factor
  // of 5, which at D ≈ 400 (chi-square tails with thousands of df) costs 1e-12 in exp(−D). The
  // series has no such cancellation and needs at most about 100 terms for |v| < 0.75; beyond that
  // the logarithm form cancels by less than a factor of 2.
  if (Math.abs(difference) < 0.75 * (x + m)) {
    const v = difference / (x + m);
    const v2 = v * v;
    let sum = difference * v;
    let term = 2 * x * v;
    for (let j = 1; j < 1000; j++) {
      term *= v2;
      const next = sum + term / (2 * j + 1);
      if (next === sum) return next;
      sum = next;
    }
    return sum;
  }
  return x * log(x / m) + m - x;
}

/**
 * The Poisson-type density x^a·e^(−x) / Γ(a+1) for a > 0, x ≥ 0, with relative error of a few
 * ulps even for large a (where the naive exp(a·log x − x − lgamma(a+1)) loses digits).
 */
export function gammaDensityTerm(a: number, x: number): number {
  if (x === 0) return 0;
  if (!Number.isFinite(x)) return 0;
  return exp(-stirlingError(a) - deviancePart(a, x)) / Math.sqrt(2 * Math.PI * a);
}

/**
 * The binomial-type density C(a+b, a)·x^a·y^b (with y = 1 − x passed separately for accuracy),
 * for a, b > 0 and C the generalized binomial coefficient Γ(a+b+1) / (Γ(a+1)·Γ(b+1)).
 */
export function betaDensityTerm(a: number, b: number, x: number, y: number): number {
  if (x === 0 || y === 0) return 0;
  const n = a + b;
  const logTerm =
    stirlingError(n) -
    stirlingError(a) -
    stirlingError(b) -
    deviancePart(a, n * x) -
    deviancePart(b, n * y);
  return exp(logTerm) * Math.sqrt(n / (2 * Math.PI * a * b));
}
