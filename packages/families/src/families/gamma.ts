import { lgamma } from "@mixedmodels/distributions";
import type { Family } from "../family";
import { gammaKernel } from "../internal/deviance-kernels";
import { log } from "../internal/elementary";
import { POSITIVE } from "../interval";
import { checkFiniteAndWeights, failAt } from "../response-check";

/**
 * Gamma with mean μ and dispersion φ (shape 1/φ, scale μφ, so Var(y) = φμ²), as R's `Gamma()`.
 */
export const gammaFamily: Family = {
  name: "gamma",
  canonicalLink: "inverse",
  hasDispersion: true,
  muRange: POSITIVE,
  variance: (mu) => mu * mu,
  varianceDerivative: (mu) => 2 * mu,
  // −2[log(y/μ) − (y−μ)/μ], in a form that stays ≥ 0 and accurate for y near μ.
  unitDeviance: (y, mu) => 2 * gammaKernel(y, mu),
  logDensity(y, mu, weight, dispersion) {
    if (weight === 0) return 0;
    const shape = 1 / dispersion;
    const scale = mu * dispersion;
    const density = (shape - 1) * log(y) - y / scale - shape * log(scale) - lgamma(shape);
    return weight * density;
  },
  initialMu: (y) => y,
  checkResponse(y, context) {
    checkFiniteAndWeights(y, context);
    for (let i = 0; i < y.length; i++) {
      if (!(y[i] > 0)) failAt(context, i, `is ${y[i]}; a Gamma response must be positive`);
    }
    return [];
  },
};
