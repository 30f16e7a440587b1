import type { FixedEffectsTestsV1 } from "./fixed-effects-tests-v1";
/**
 * Everything a report needs about a fitted mixed model, as plain data. The model layer produces
 * it; the report layer and the CLI's `--json` consume it, so neither depends on the model code.
 */

export interface FixedEffectsSummaryV1 {
  /** Coefficient names in lme4 style (`(Intercept)`, `Days`, `dept5:service1`), original order. */
  readonly names: readonly string[];
  /** Estimates; -0 for aliased (dropped) coefficients. */
  readonly estimates: readonly number[];
  /** Standard errors; NaN for aliased coefficients. */
  readonly stderror: readonly number[];
  /** True where a column of X was dropped as linearly dependent. */
  readonly aliased: readonly boolean[];
}

export interface VarCorrGroupV1 {
  /** Grouping factor as shown to users (`Subject`, `batch:cask`; `Subject.1` for a second term). */
  readonly group: string;
  /** Column names of the term (`(Intercept)`, `Days`). */
  readonly names: readonly string[];
  /** Standard deviations of the random effects. */
  readonly sd: readonly number[];
  /**
   * Correlation matrix, or null for a single column. Structural zeros (zerocorr) are -0. An entry
   * is null where the correlation is undefined (a standard deviation estimated as exactly zero);
   * `corrNotes` says why.
   */
  readonly corr: readonly (readonly (number | null)[])[] | null;
  /** One note per undefined (null) entry of `corr`, both triangles; absent when there is none. */
  readonly corrNotes?: readonly CorrelationNoteV1[];
}

/** Why a correlation in `VarCorrGroupV1.corr` is null. */
export interface CorrelationNoteV1 {
  /** Row and column of the entry in `corr`. */
  readonly row: number;
  readonly column: number;
  /** Stable code: "zero-variance" (one of the two standard deviations is exactly zero). */
  readonly reason: "zero-variance";
  /** A sentence a user understands. */
  readonly message: string;
}

export interface ModelWarningV1 {
  /** Stable code: "singular", "rank-deficient", "not-converged", "max-evaluations"... */
  readonly code: string;
  /** A sentence a user understands. */
  readonly message: string;
}

export interface OptimizationSummaryV1 {
  readonly optimizer: string;
  readonly evaluations: number;
  readonly status: string;
  readonly converged: boolean;
  readonly message: string;
  readonly initialTheta: readonly number[];
  readonly initialObjective: number;
}

/** What a generalized linear mixed model adds to the summary (absent for linear models). */
export interface GeneralizedSummaryV1 {
  /** The family as fitted: "bernoulli", "binomial", "poisson", "gamma", "inversegaussian", "gaussian". */
  readonly family: string;
  /** R's name of the link: "logit", "probit", "cloglog", "log", ... */
  readonly link: string;
  /** Gauss–Hermite nodes: 1 = the Laplace approximation. */
  readonly nAGQ: number;
  /** Whether θ alone was optimized, with β inside PIRLS (lme4's nAGQ = 0). */
  readonly fast: boolean;
  /** The dispersion φ, or null for a family without one (then `sigma` is 1, as lme4's sigma()). */
  readonly dispersion: number | null;
  /** What `objective` is: "Laplace deviance" or "AGQ deviance (k nodes)" (without saturated terms). */
  readonly objectiveName: string;
}

export interface FittedModelSummaryV1 {
  readonly specificationVersion: "v1";
  readonly formula: string;
  readonly reml: boolean;
  readonly nobs: number;
  /** ML: deviance (-2 log-likelihood); REML: the REML criterion. */
  readonly objective: number;
  /** Log-likelihood (for REML fits, the REML log-likelihood, as lme4 reports it). */
  readonly loglik: number;
  readonly aic: number;
  readonly bic: number;
  readonly aicc: number;
  /** Number of parameters: rank(X) + length(θ) + 1. */
  readonly dof: number;
  /** Residual standard deviation. */
  readonly sigma: number;
  readonly theta: readonly number[];
  readonly fixef: FixedEffectsSummaryV1;
  readonly varcorr: readonly VarCorrGroupV1[];
  /** Levels per grouping factor, in the model's internal term order. */
  readonly ngroups: readonly { readonly group: string; readonly levels: number }[];
  readonly warnings: readonly ModelWarningV1[];
  readonly optimization: OptimizationSummaryV1;
  readonly singular: boolean;
  /** Present for a generalized linear mixed model: family, link, nAGQ, dispersion. */
  readonly generalized?: GeneralizedSummaryV1;
  /** Present when the fixed effects were tested with df (`@mixedmodels/inference`). */
  readonly fixedEffectsTests?: FixedEffectsTestsV1;
}
