import type { Family } from "./family";

/** sign(y − μ)·√(w·d(y, μ)): R's `residuals(glm, "deviance")`. */
export function devianceResidual(family: Family, y: number, mu: number, weight = 1): number {
  const contribution = weight === 0 ? 0 : weight * family.unitDeviance(y, mu);
  const root = Math.sqrt(Math.max(contribution, 0));
  return y > mu ? root : y < mu ? -root : 0;
}

/** (y − μ)·√w/√V(μ): R's `residuals(glm, "pearson")`. */
export function pearsonResidual(family: Family, y: number, mu: number, weight = 1): number {
  return ((y - mu) * Math.sqrt(weight)) / Math.sqrt(family.variance(mu));
}

/** The GLM deviance Σ w·d(y, μ) over all observations (`priorWeights` null: all 1). */
export function glmDeviance(
  family: Family,
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  priorWeights: ArrayLike<number> | null = null,
): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const w = priorWeights === null ? 1 : priorWeights[i];
    if (w !== 0) sum += w * family.unitDeviance(y[i], mu[i]);
  }
  return sum;
}

/** Σ log p(y | μ, φ) with the saturated terms (`priorWeights` null: all 1). */
export function logLikelihood(
  family: Family,
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  priorWeights: ArrayLike<number> | null,
  dispersion: number,
): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const w = priorWeights === null ? 1 : priorWeights[i];
    sum += family.logDensity(y[i], mu[i], w, dispersion);
  }
  return sum;
}

/**
 * The value of R's `family$aic(y, n, mu, wt, dev)`: −2 Σ log p with the dispersion, where the
 * family has one, set to deviance/Σw (as R's Gamma, inverse Gaussian and Gaussian `aic`
 * functions do) plus 2 for that parameter. lme4's glmer adds exactly this to its Laplace
 * deviance, so it is what reproduces glmer's `deviance` and `logLik` for those families.
 */
export function rFamilyAic(
  family: Family,
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  priorWeights: ArrayLike<number> | null = null,
): number {
  if (!family.hasDispersion) return -2 * logLikelihood(family, y, mu, priorWeights, 1);
  let totalWeight = 0;
  for (let i = 0; i < y.length; i++) totalWeight += priorWeights === null ? 1 : priorWeights[i];
  // R's gaussian()$aic divides by the number of observations, the others by Σw.
  const denominator = family.name === "gaussian" ? y.length : totalWeight;
  const dispersion = glmDeviance(family, y, mu, priorWeights) / denominator;
  return -2 * logLikelihood(family, y, mu, priorWeights, dispersion) + 2;
}
