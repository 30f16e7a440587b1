import type { SparseFactorPolicy } from "./factor-storage";
import type { GlmmResponseOptions } from "./glmm-response";
import type { FitOptions } from "./model-types";

/** Options of the `GeneralizedLinearMixedModel` constructor. */
export interface GeneralizedLinearMixedModelOptions extends GlmmResponseOptions {
  /** How a filled-in diagonal block of L is factored (as for linear models). */
  readonly sparseFactor?: SparseFactorPolicy;
}

/** Options of `GeneralizedLinearMixedModel.fit`. */
export interface GlmmFitOptions extends Omit<FitOptions, "reml"> {
  /**
   * 1 (default): the Laplace approximation. 2–25: adaptive Gauss–Hermite quadrature with that
   * many nodes, for a model with a single scalar random-effects term only.
   */
  readonly nAGQ?: number;
  /**
   * Optimize θ alone, with β found by PIRLS with the random effects (lme4's nAGQ = 0): faster,
   * slightly less accurate. Default false: optimize [β; θ] from the GLM's β.
   */
  readonly fast?: boolean;
}

/** The largest number of Gauss–Hermite nodes (lme4's limit). */
export const MAX_AGQ_NODES = 25;
