import { log, log1p } from "./elementary";

/** Below this |r| the series are used: the closed forms cancel to the last digits near r = 0. */
const SERIES_LIMIT = 0.1;

/**
 * (1 + r)·log(1 + r) − r ≥ 0 for r ≥ −1, without the cancellation of the closed form near r = 0
 * (there it is Σ_{k≥2} (−r)^k/(k(k−1)), with terms falling by at least 10× each).
 * With r = (y − μ)/μ, μ times this is y·log(y/μ) − (y − μ), the Poisson deviance kernel.
 */
export function xLogXKernel(r: number): number {
  if (Math.abs(r) >= SERIES_LIMIT) return r === -1 ? 1 : (1 + r) * log1p(r) - r;
  // power = (−r)^k
  let power = r * r;
  let sum = 0;
  for (let k = 2; k < 40; k++) {
    const term = power / (k * (k - 1));
    sum += term;
    if (Math.abs(term) <= Number.EPSILON * 0.25 * sum) break;
    power *= -r;
  }
  return sum;
}

/**
 * r − log(1 + r) ≥ 0 for r > −1, as Σ_{k≥2} (−r)^k/k near r = 0. With r = (y − μ)/μ, twice this
 * is the Gamma unit deviance −2[log(y/μ) − (y − μ)/μ].
 */
export function logKernel(r: number): number {
  if (Math.abs(r) >= SERIES_LIMIT) return r - log1p(r);
  // power = (−r)^k
  let power = r * r;
  let sum = 0;
  for (let k = 2; k < 40; k++) {
    const term = power / k;
    sum += term;
    if (Math.abs(term) <= Number.EPSILON * 0.25 * sum) break;
    power *= -r;
  }
  return sum;
}

/** y·log(y/μ) − (y − μ) ≥ 0 for y ≥ 0, μ > 0 (0·log 0 = 0). */
export function poissonKernel(y: number, mu: number): number {
  if (y === 0) return mu;
  const r = (y - mu) / mu;
  return Math.abs(r) >= SERIES_LIMIT ? y * log(y / mu) - (y - mu) : mu * xLogXKernel(r);
}

/**
 * y/μ − 1 − log(y/μ) ≥ 0 for y, μ > 0, half the Gamma unit deviance. Away from y = μ the log is
 * taken of the ratio itself: through log1p of r = (y − μ)/μ, y ≪ μ would lose the digits that
 * 1 + r cancels (y/μ = 1e-6 left 4e-10 of absolute error in 25.4).
 */
export function gammaKernel(y: number, mu: number): number {
  const r = (y - mu) / mu;
  return Math.abs(r) >= SERIES_LIMIT ? r - log(y / mu) : logKernel(r);
}
