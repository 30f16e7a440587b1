import { lgamma } from "@mixedmodels/distributions";
import type { Family } from "../family";
import { log } from "../internal/elementary";
import { poissonKernel } from "../internal/deviance-kernels";
import { POSITIVE } from "../interval";
import { checkFiniteAndWeights, collectWarning, failAt, isNearInteger } from "../response-check";

/**
 * Poisson counts. A non-integer count is accepted with one warning; its log density uses the
 * continuous extension y·log μ − μ − log Γ(y+1) (R's `dpois` would give −∞ and a warning per row).
 */
export const poissonFamily: Family = {
  name: "poisson",
  canonicalLink: "log",
  hasDispersion: false,
  muRange: POSITIVE,
  variance: (mu) => mu,
  varianceDerivative: () => 1,
  unitDeviance: (y, mu) => 2 * poissonKernel(y, mu),
  logDensity(y, mu, weight) {
    if (weight === 0) return 0;
    const kernel = y === 0 ? -mu : y * log(mu) - mu - lgamma(y + 1);
    return weight * kernel;
  },
  initialMu: (y) => y + 0.1,
  checkResponse(y, context) {
    checkFiniteAndWeights(y, context);
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0) failAt(context, i, `is ${y[i]}; a Poisson count cannot be negative`);
    }
    return collectWarning(
      y.length,
      context,
      "non-integer-counts",
      context.column,
      (count, first) =>
        `'${context.column}' is not a whole number in ${count} row(s), first row ${first}; the Poisson log-likelihood uses log Γ(y+1) there`,
      (i) => !isNearInteger(y[i]),
    );
  },
};
