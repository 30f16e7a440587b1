import type { Interval } from "./interval";
import type { LinkName } from "./link";
import type { ResponseContext, ResponseWarning } from "./response-check";

/** The families' names as users pass them (lower case; see `family()` for the aliases). */
export type FamilyName =
  | "bernoulli"
  | "binomial"
  | "poisson"
  | "gamma"
  | "inversegaussian"
  | "gaussian";

/**
 * A GLM family (the conditional distribution of the response given its mean μ), as pure scalar
 * functions that know nothing of a model.
 *
 * Prior weights follow R's `glm`: for the binomial family the response is the proportion of
 * successes and the weight the number of trials; elsewhere a weight multiplies the observation's
 * deviance and log density (the Gaussian log density treats it as a precision, as R's
 * `gaussian()$aic` does).
 */
export interface Family {
  readonly name: FamilyName;
  readonly canonicalLink: LinkName;
  /** Whether the family has a free dispersion parameter φ (Gamma, inverse Gaussian, Gaussian). */
  readonly hasDispersion: boolean;
  /** Where the mean must lie. */
  readonly muRange: Interval;
  /** V(μ): Var(y) = φ·V(μ)/weight. */
  variance(mu: number): number;
  /** dV/dμ, for the observed information of a non-canonical link (`observedWorkingWeights`). */
  varianceDerivative(mu: number): number;
  /**
   * The unit deviance d(y, μ) ≥ 0 (R's `dev.resids` with weight 1): the observation's deviance is
   * weight·d(y, μ), and the signed square root of that is its deviance residual.
   */
  unitDeviance(y: number, mu: number): number;
  /**
   * log p(y | μ, φ) including the saturated terms (log y!, the binomial coefficient, ...) so that
   * sums agree with R's `logLik` and lme4's AIC; `dispersion` is ignored where there is none.
   */
  logDensity(y: number, mu: number, weight: number, dispersion: number): number;
  /** The starting mean, as R's `family$initialize` sets `mustart`. */
  initialMu(y: number, weight: number): number;
  /**
   * Checks the response (and weights) against the family's support. Throws a `DataError` naming
   * the column and row of the first value outside it; returns at most one warning per kind for
   * values the family accepts with reservation (non-integer counts).
   */
  checkResponse(y: ArrayLike<number>, context: ResponseContext): ResponseWarning[];
}
