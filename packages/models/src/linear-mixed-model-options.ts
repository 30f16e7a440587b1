import type { SparseFactorPolicy } from "./factor-storage";

/** Options of the `LinearMixedModel` constructor. */
export interface LinearMixedModelOptions {
  /** Default criterion for `objective`/`fit` (false = maximum likelihood). */
  readonly reml?: boolean;
  /**
   * How a filled-in diagonal block of L is factored: "auto" (default; sparse supernodal Cholesky
   * when its estimated flops beat dense clearly), "never" (dense), "always" (sparse whenever
   * the blocks left of it are sparse). The objective is the same up to rounding.
   */
  readonly sparseFactor?: SparseFactorPolicy;
}
