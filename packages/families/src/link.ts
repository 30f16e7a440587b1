import type { Interval } from "./interval";

/** R's names of the links (`make.link`), which are also the names users pass. */
export type LinkName =
  | "logit"
  | "probit"
  | "cloglog"
  | "cauchit"
  | "log"
  | "identity"
  | "sqrt"
  | "inverse"
  | "1/mu^2";

/**
 * A GLM link function g with η = g(μ), as pure scalar functions. The inverse and its derivative
 * clamp exactly where R's `make.link` does (for example logit's inverse stays within
 * [ε/(1+ε), 1/(1+ε)] and dμ/dη ≥ ε beyond |η| = 30), so working weights and deviances match glm()
 * and glmer() also where the linear predictor runs off.
 */
export interface Link {
  readonly name: LinkName;
  /** η = g(μ). */
  link(mu: number): number;
  /** μ = g⁻¹(η). */
  inverse(eta: number): number;
  /** dμ/dη at η. */
  derivative(eta: number): number;
  /**
   * d²μ/dη² at η, for the observed information of a non-canonical link
   * (`observedWorkingWeights`); 0 where `derivative` is clamped (it is constant there).
   */
  secondDerivative(eta: number): number;
  /** Where the inverse is defined (R's `valideta`); `inverse` also excludes η = 0. */
  readonly etaDomain: Interval;
  /** The set the inverse maps `etaDomain` into (for `inverse`, the real line without 0). */
  readonly muRange: Interval;
  /** Whether η is a valid linear predictor for this link (finite and in `etaDomain`). */
  validEta(eta: number): boolean;
}
