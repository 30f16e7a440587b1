import type { OptimizationSummaryV1, OptimizerV1 } from "@mixedmodels/core";

/** Options of `LinearMixedModel.fit`. */
export interface FitOptions {
  /** Any object meeting the optimizer specification v1 (e.g. `bobyqa()` from @mixedmodels/optim). */
  readonly optimizer: OptimizerV1;
  /** REML instead of maximum likelihood (default false). */
  readonly reml?: boolean;
  /** Print one line per evaluation to stdout, as MixedModels.jl: `f_1: 327.76702, [1.0]`. */
  readonly verbose?: boolean;
  /** Called after every evaluation with its 1-based number, θ (a copy) and the objective. */
  readonly progress?: (evaluation: number, theta: Float64Array, value: number) => void;
  readonly maxEvaluations?: number;
  readonly signal?: AbortSignal;
  /** Initial step per θ element; default NLopt's heuristic (0.75 for a diagonal 1, else 1). */
  readonly initialStep?: number | Float64Array;
  /** Defaults as MixedModels.jl: 1e-12, 1e-8, 1e-10. */
  readonly ftolRel?: number;
  readonly ftolAbs?: number;
  readonly xtolAbs?: number;
}

/** One evaluation of the objective during a fit. */
export interface FitLogEntry {
  readonly theta: Float64Array;
  readonly objective: number;
}

/** `OptimizationSummaryV1` plus the settings used and the full fit log. */
export interface OptimizationSummary extends OptimizationSummaryV1 {
  readonly finalTheta: readonly number[];
  readonly finalObjective: number;
  readonly ftolRel: number;
  readonly ftolAbs: number;
  readonly xtolAbs: number;
  readonly initialStep: readonly number[];
  /** θ and objective at every evaluation, in order (including zero-snapping trials that were kept). */
  readonly fitLog: readonly FitLogEntry[];
}

/** Conditional modes of one random-effects term, labelled by level. */
export interface RandomEffectsTable {
  /** Grouping factor label (`Subject`, `cask:batch`). */
  readonly group: string;
  readonly levels: readonly string[];
  readonly columnNames: readonly string[];
  /** s×ℓ column-major: values[level·s + column]. */
  readonly values: Float64Array;
}

/** Conditional covariance matrices of one term's random effects, per level. */
export interface ConditionalVarianceTable {
  readonly group: string;
  readonly levels: readonly string[];
  readonly columnNames: readonly string[];
  /** s×s×ℓ: the s×s matrix of level l starts at l·s·s (column-major). */
  readonly values: Float64Array;
}

/** One row of the coefficient table (Wald z tests). */
export interface CoefficientRow {
  readonly name: string;
  readonly estimate: number;
  readonly stderror: number;
  readonly z: number;
  /** Two-sided p-value P(|Z| > |z|). */
  readonly p: number;
  readonly aliased: boolean;
}

/**
 * Storage of the blocks of L, as MixedModels.jl's `BlockDescription`: one row per
 * random-effects term plus the fixed-effects row; `blocks[i][j]` (j ≤ i) is "Diagonal",
 * "BlkDiag", "Sparse", "Dense" or "SparseChol".
 */
export interface BlockDescription {
  readonly rows: readonly { readonly name: string; readonly size: number }[];
  readonly blocks: readonly (readonly string[])[];
  /**
   * Per random-effects term: how its diagonal block of L is stored and factored ("sparse" =
   * supernodal Cholesky with a minimum-degree ordering, shown as "SparseChol" in `blocks`), with
   * the dense flop count (n³/3) and, when analysed, the sparse flop count and fill fraction.
   */
  readonly factorization: readonly {
    readonly name: string;
    readonly storage: "diagonal" | "block-diagonal" | "dense" | "sparse";
    readonly denseFlops: number;
    readonly sparseFlops: number | null;
    readonly fillFraction: number | null;
  }[];
}
