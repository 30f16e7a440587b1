import { lgamma } from "@mixedmodels/distributions";
import type { Family } from "../family";
import { binomialKernel, binomialUnitDeviance } from "../internal/binomial-kernels";
import { UNIT } from "../interval";
import {
  checkFiniteAndWeights,
  collectWarning,
  failAt,
  isNearInteger,
  tableRow,
  weightAt,
} from "../response-check";
import { DataError } from "@mixedmodels/core";

/** log C(n, k); exactly 0 at k = 0 and k = n, where lgamma's last-digit errors would not cancel. */
function logChoose(n: number, k: number): number {
  if (k === 0 || k === n) return 0;
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/**
 * Binomial: the response is the proportion of successes y ∈ [0, 1] and the prior weight the
 * number of trials n, as in R's `glm(y ~ ..., weights = n)` and lme4's `cbind(s, f)`.
 * The log density is log C(n, k) + k·log μ + (n−k)·log(1−μ) with k = round(n·y) and n rounded,
 * as R's `binomial()$aic` evaluates `dbinom`.
 */
export const binomialFamily: Family = {
  name: "binomial",
  canonicalLink: "logit",
  hasDispersion: false,
  muRange: UNIT,
  variance: (mu) => mu * (1 - mu),
  varianceDerivative: (mu) => 1 - 2 * mu,
  unitDeviance: binomialUnitDeviance,
  logDensity(y, mu, weight) {
    const n = Math.round(weight);
    if (n <= 0) return 0;
    const k = Math.round(weight * y);
    return logChoose(n, k) + binomialKernel(k, n, mu);
  },
  initialMu: (y, weight) => (weight * y + 0.5) / (weight + 1),
  checkResponse(y, context) {
    checkFiniteAndWeights(y, context);
    const trialsColumn = context.weightsColumn ?? "weights";
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] > 1) {
        failAt(context, i, `is ${y[i]}; a binomial response is a proportion in [0, 1]`);
      }
      const trials = weightAt(context, i);
      if (!(trials > 0)) {
        const row = tableRow(context, i);
        throw new DataError(
          `'${trialsColumn}' is ${trials} in row ${row}; the number of binomial trials must be positive`,
          { column: trialsColumn, row },
        );
      }
    }
    const trialsWarning = collectWarning(
      y.length,
      context,
      "non-integer-trials",
      trialsColumn,
      (count, first) =>
        `'${trialsColumn}' is not a whole number of trials in ${count} row(s), first row ${first}; the log-likelihood rounds it`,
      (i) => !isNearInteger(weightAt(context, i)),
    );
    const successesWarning = collectWarning(
      y.length,
      context,
      "non-integer-successes",
      context.column,
      (count, first) =>
        `'${context.column}' × '${trialsColumn}' is not a whole number of successes in ${count} row(s), first row ${first}; the log-likelihood rounds it`,
      (i) => !isNearInteger(y[i] * weightAt(context, i)),
    );
    return [...trialsWarning, ...successesWarning];
  },
};
