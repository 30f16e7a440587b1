import { exp } from "./elementary";
import { logBinomialProbability, logPoissonProbability } from "./log-density-terms";
import type { RandomStream } from "./random-stream";

/**
 * Inversion over the support ordered outward from the mode (m, m+1, m−1, m+2, m−2, ...): one
 * uniform, then probabilities subtracted until it falls below one. Exact in distribution, with
 * an expected number of steps proportional to the standard deviation, and it needs only one
 * exponential (the probability at the mode) plus multiplications by the ratios of neighbours.
 * If rounding leaves the uniform above the total mass computed, a new uniform is drawn (a
 * rejection, so still exact for the computed probabilities).
 */
function searchFromMode(
  stream: RandomStream,
  mode: number,
  modeProbability: number,
  upper: number,
  ratioUp: (k: number) => number,
  ratioDown: (k: number) => number,
): number {
  for (;;) {
    let u = stream.uniform() - modeProbability;
    if (u < 0) return mode;
    let up = mode;
    let pUp = modeProbability;
    let down = mode;
    let pDown = modeProbability;
    while (pUp > 0 || pDown > 0) {
      if (up < upper && pUp > 0) {
        pUp *= ratioUp(up);
        up++;
        u -= pUp;
        if (u < 0) return up;
      } else pUp = 0;
      if (down > 0 && pDown > 0) {
        pDown *= ratioDown(down);
        down--;
        u -= pDown;
        if (u < 0) return down;
      } else pDown = 0;
    }
  }
}

/**
 * A Poisson draw with mean λ (λ ≥ 0, finite).
 * @throws RangeError for a negative, NaN or infinite λ.
 */
export function poisson(stream: RandomStream, lambda: number): number {
  if (!(lambda >= 0) || lambda === Number.POSITIVE_INFINITY) {
    throw new RangeError(`poisson: the mean must be finite and non-negative, got ${lambda}`);
  }
  if (lambda === 0) return 0;
  const mode = Math.floor(lambda);
  return searchFromMode(
    stream,
    mode,
    exp(logPoissonProbability(mode, lambda)),
    Number.POSITIVE_INFINITY,
    (k) => lambda / (k + 1),
    (k) => k / lambda,
  );
}

/**
 * A binomial draw: successes in `trials` independent trials of probability p.
 * @throws RangeError for trials that are not a non-negative integer or p outside [0, 1].
 */
export function binomial(stream: RandomStream, trials: number, p: number): number {
  if (!Number.isSafeInteger(trials) || trials < 0) {
    throw new RangeError(`binomial: trials must be a non-negative integer, got ${trials}`);
  }
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`binomial: the probability must be in [0, 1], got ${p}`);
  }
  if (p === 0 || trials === 0) return 0;
  if (p === 1) return trials;
  // Symmetry keeps the ratios' rounding the same for p and 1 − p.
  if (p > 0.5) return trials - binomial(stream, trials, 1 - p);
  const q = 1 - p;
  const odds = p / q;
  const mode = Math.min(trials, Math.floor((trials + 1) * p));
  return searchFromMode(
    stream,
    mode,
    exp(logBinomialProbability(mode, trials, p, q)),
    trials,
    (k) => ((trials - k) / (k + 1)) * odds,
    (k) => k / (trials - k + 1) / odds,
  );
}

/** A Bernoulli draw: 1 with probability p, else 0. @throws RangeError for p outside [0, 1]. */
export function bernoulli(stream: RandomStream, p: number): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`bernoulli: the probability must be in [0, 1], got ${p}`);
  }
  return stream.uniform() < p ? 1 : 0;
}
