import { xLogXKernel } from "./deviance-kernels";
import { log, log1p } from "./elementary";

/**
 * The binomial unit deviance 2[y·log(y/μ) + (1−y)·log((1−y)/(1−μ))] for a proportion y.
 * Inside (0, 1) it is written as 2[μ·k((y−μ)/μ) + (1−μ)·k((μ−y)/(1−μ))] with
 * k(r) = (1+r)·log(1+r) − r (the linear terms cancel exactly), which stays ≥ 0 and accurate for y
 * near μ, where the two logarithms of the usual form nearly cancel.
 */
export function binomialUnitDeviance(y: number, mu: number): number {
  // The ends are the common case (Bernoulli) and get log1p for a μ near 0.
  if (y === 0) return -2 * log1p(-mu);
  if (y === 1) return -2 * log(mu);
  const failure = 1 - mu;
  return 2 * (mu * xLogXKernel((y - mu) / mu) + failure * xLogXKernel((mu - y) / failure));
}

/** k·log μ + (n−k)·log(1−μ), with 0·log 0 = 0. */
export function binomialKernel(k: number, n: number, mu: number): number {
  const successes = k === 0 ? 0 : k * log(mu);
  const failures = n - k === 0 ? 0 : (n - k) * log1p(-mu);
  return successes + failures;
}
