import type { Family } from "../family";
import { binomialKernel, binomialUnitDeviance } from "../internal/binomial-kernels";
import { UNIT } from "../interval";
import { checkFiniteAndWeights, failAt } from "../response-check";

/**
 * Bernoulli: a 0/1 response, mean μ = P(y = 1). A prior weight w counts the observation w times
 * (R's binomial family with a 0/1 response and weights).
 */
export const bernoulliFamily: Family = {
  name: "bernoulli",
  canonicalLink: "logit",
  hasDispersion: false,
  muRange: UNIT,
  variance: (mu) => mu * (1 - mu),
  varianceDerivative: (mu) => 1 - 2 * mu,
  unitDeviance: binomialUnitDeviance,
  logDensity: (y, mu, weight) => (weight === 0 ? 0 : weight * binomialKernel(y, 1, mu)),
  initialMu: (y, weight) => (weight * y + 0.5) / (weight + 1),
  checkResponse(y, context) {
    checkFiniteAndWeights(y, context);
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1)
        failAt(context, i, `is ${y[i]}; a Bernoulli response must be 0 or 1`);
    }
    return [];
  },
};
