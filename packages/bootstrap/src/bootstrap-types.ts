/** One bootstrap replicate as plain data (JSON-serialisable). */
export interface BootstrapReplicate {
  /** Replicate index i: its response was drawn from stream i of the seed. */
  readonly replicate: number;
  /** ML deviance or REML criterion of the refit. */
  readonly objective: number;
  readonly sigma: number;
  /** Fixed effects, named by `names.beta`. */
  readonly beta: readonly number[];
  /** Standard errors of the fixed effects. */
  readonly stderror: readonly number[];
  readonly theta: readonly number[];
  /** Random-effect standard deviations, named by `names.sds`. */
  readonly sds: readonly number[];
  /** Random-effect correlations, named by `names.correlations`. */
  readonly correlations: readonly number[];
}

/** Parameters the responses were simulated from. */
export interface BootstrapParameters {
  readonly beta: readonly number[];
  /** σ of a linear model; 1 for a generalized model without dispersion (lme4's `sigma()`). */
  readonly sigma: number;
  readonly theta: readonly number[];
}

/** Names of the columns of a replicate, lme4's (`sd_(Intercept)|Subject`, `cor_Days.(Intercept)|Subject`). */
export interface BootstrapNames {
  readonly beta: readonly string[];
  readonly theta: readonly string[];
  readonly sds: readonly string[];
  readonly correlations: readonly string[];
}

/** A parametric bootstrap: settings, names, and the replicates (sorted by index). */
export interface BootstrapResult {
  readonly version: 1;
  readonly formula: string;
  readonly reml: boolean;
  /**
   * A generalized model's family, link and Gauss–Hermite nodes (1 = Laplace); absent for a
   * linear model.
   */
  readonly generalized?: GeneralizedSettings;
  readonly seed: number;
  readonly parameters: BootstrapParameters;
  readonly names: BootstrapNames;
  readonly replicates: readonly BootstrapReplicate[];
  /** False when the run was cancelled before every asked-for replicate was done. */
  readonly complete: boolean;
}

/** How a generalized model was fitted, so every replicate is refitted the same way. */
export interface GeneralizedSettings {
  readonly family: string;
  readonly link: string;
  readonly nAGQ: number;
  readonly fast: boolean;
}
