import type { Family } from "../family";
import { log } from "../internal/elementary";
import { POSITIVE } from "../interval";
import { checkFiniteAndWeights, failAt } from "../response-check";

const LOG_2PI = 1.8378770664093453;

/**
 * Inverse Gaussian with mean μ and dispersion φ = 1/λ (Var(y) = φμ³):
 * log p = −½·log(2πφ) − (3/2)·log y − (y−μ)²/(2φμ²y), the density R's `inverse.gaussian()$aic`
 * sums.
 */
export const inverseGaussianFamily: Family = {
  name: "inversegaussian",
  canonicalLink: "1/mu^2",
  hasDispersion: true,
  muRange: POSITIVE,
  variance: (mu) => mu * mu * mu,
  varianceDerivative: (mu) => 3 * mu * mu,
  unitDeviance(y, mu) {
    const r = y - mu;
    return (r * r) / (y * mu * mu);
  },
  logDensity(y, mu, weight, dispersion) {
    if (weight === 0) return 0;
    const r = y - mu;
    const density =
      -0.5 * (LOG_2PI + log(dispersion)) - 1.5 * log(y) - (r * r) / (2 * dispersion * mu * mu * y);
    return weight * density;
  },
  initialMu: (y) => y,
  checkResponse(y, context) {
    checkFiniteAndWeights(y, context);
    for (let i = 0; i < y.length; i++) {
      if (!(y[i] > 0))
        failAt(context, i, `is ${y[i]}; an inverse Gaussian response must be positive`);
    }
    return [];
  },
};
