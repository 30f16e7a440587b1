import type { Family } from "../family";
import { log } from "../internal/elementary";
import { REAL_LINE } from "../interval";
import { checkFiniteAndWeights } from "../response-check";

const LOG_2PI = 1.8378770664093453;

/**
 * Gaussian with mean μ and dispersion φ = σ². A prior weight w is a precision (Var(y) = σ²/w),
 * as in R's `lm`/`glm` and `gaussian()$aic`: log p = −½·log(2πσ²/w) − w(y−μ)²/(2σ²).
 * A zero weight removes the observation (log density 0).
 */
export const gaussianFamily: Family = {
  name: "gaussian",
  canonicalLink: "identity",
  hasDispersion: true,
  muRange: REAL_LINE,
  variance: () => 1,
  varianceDerivative: () => 0,
  unitDeviance(y, mu) {
    const r = y - mu;
    return r * r;
  },
  logDensity(y, mu, weight, dispersion) {
    if (weight === 0) return 0;
    const r = y - mu;
    return -0.5 * (LOG_2PI + log(dispersion / weight)) - (weight * r * r) / (2 * dispersion);
  },
  initialMu: (y) => y,
  checkResponse(y, context) {
    checkFiniteAndWeights(y, context);
    return [];
  },
};
