import { log } from "./elementary";

const HALF_LOG_TWO_PI = 0.9189385332046728; // ½ log 2π, the double nearest 0.918938533204672741780

/** log k! for k = 0..15, summed from logarithms (exact enough and engine-independent with `log`). */
let smallLogFactorials: Float64Array | null = null;

function logFactorialTable(): Float64Array {
  if (smallLogFactorials === null) {
    const table = new Float64Array(16);
    for (let k = 2; k < 16; k++) table[k] = table[k - 1] + log(k);
    smallLogFactorials = table;
  }
  return smallLogFactorials;
}

/**
 * Stirling's error log k! − ((k + ½) log k − k + ½ log 2π) for an integer k ≥ 1 (Loader 2000):
 * the asymptotic series above 15, exact logarithms below.
 */
export function stirlingError(k: number): number {
  if (k <= 15) return logFactorialTable()[k] - (k + 0.5) * log(k) + k - HALF_LOG_TWO_PI;
  const k2 = k * k;
  if (k > 500) return (1 / 12 - 1 / 360 / k2) / k;
  if (k > 80) return (1 / 12 - (1 / 360 - 1 / 1260 / k2) / k2) / k;
  if (k > 35) return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / 1680 / k2) / k2) / k2) / k;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / k2) / k2) / k2) / k2) / k;
}

/**
 * x log(x / m) + m − x without cancellation when x ≈ m (Loader's bd0): the series in
 * v = (x − m) / (x + m) near 1, the direct form elsewhere.
 */
export function deviancePart(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let sum = (x - m) * v;
    let term = 2 * x * v;
    const v2 = v * v;
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

/** log of the Poisson probability of k (an integer ≥ 0) at mean λ > 0, in Loader's form. */
export function logPoissonProbability(k: number, lambda: number): number {
  if (k === 0) return -lambda;
  return -stirlingError(k) - deviancePart(k, lambda) - HALF_LOG_TWO_PI - 0.5 * log(k);
}

/** log of the binomial probability of k successes in n trials, 0 < p < 1, in Loader's form. */
export function logBinomialProbability(k: number, n: number, p: number, q: number): number {
  if (k === 0) return n * log(q);
  if (k === n) return n * log(p);
  return (
    stirlingError(n) -
    stirlingError(k) -
    stirlingError(n - k) -
    deviancePart(k, n * p) -
    deviancePart(n - k, n * q) +
    0.5 * log(n / (k * (n - k))) -
    HALF_LOG_TWO_PI
  );
}
