/**
 * What `buildModelParts(formula, data, options)` returns: the numeric parts of a linear mixed
 * model. The model layer reads only these shapes.
 */
import type { DataTable, ModelWarningV1 } from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";
import type { Contrast } from "./contrasts/contrast";
import type { RowValuesOption } from "./model-parts-options";

/** The fixed-effects matrix X after the rank check. */
export interface FixedEffectsMatrix {
  /** Rows (observations). */
  readonly n: number;
  /** Kept columns (= rank of X). */
  readonly p: number;
  /** n×p, column-major: the kept columns, in their original order. */
  readonly data: Float64Array;
  /** lme4-style names of the kept columns (`(Intercept)`, `Days`, `dept5:service1`). */
  readonly names: readonly string[];
  /** Names of every column before the rank check, in original order. */
  readonly allNames: readonly string[];
  /** For each kept column, its index in `allNames` (increasing). */
  readonly kept: Int32Array;
  /** Names of the columns dropped as linearly dependent (empty when X has full rank). */
  readonly aliased: readonly string[];
  /** MixedModels.jl-style names of every column (`dept: 5 & service: 1`), aligned with `allNames`. */
  readonly mixedModelsNames?: readonly string[];
  /**
   * For every column (aligned with `allNames`), the index of its formula term: 0 for the
   * intercept, i + 1 for `formula.fixed[i]` (R's `assign` attribute).
   */
  readonly assign?: Int32Array;
  /**
   * X's classes of rows equal bit for bit (the first row of each and its size), when the rank
   * check found them: a check of the first rows holds for every row. They describe
   * `rowClasses.data` only, so a user checks that it is this matrix's `data`.
   */
  readonly rowClasses?: {
    readonly data: Float64Array;
    readonly representatives: Int32Array;
    readonly counts: Float64Array;
    /** The class of each row (an index into `representatives`). */
    readonly classOf: Int32Array;
  };
}

/**
 * One random-effects term after amalgamation (terms on the same grouping factor merged), the
 * `ReMat` of MixedModels.jl.
 */
export interface RandomEffectsMatrix {
  /** Grouping factor label (`Subject`, `batch:cask`). */
  readonly group: string;
  /** Level labels of the grouping factor, in the order `refs` indexes them. */
  readonly levels: readonly string[];
  /** 0-based level index per observation. */
  readonly refs: Int32Array;
  /** Columns per level (s). */
  readonly s: number;
  /** Names of the s columns (`(Intercept)`, `Days`). */
  readonly columnNames: readonly string[];
  /** s×n column-major: z[t*s + r] is column r of observation t. */
  readonly z: Float64Array;
  /**
   * The positions of λ (s×s, lower triangular) that hold θ, in θ order: row and column indices.
   * Unstructured: the lower triangle column by column; zerocorr: the diagonal; amalgamated terms:
   * each original term's own lower triangle.
   */
  readonly thetaRows: Int32Array;
  readonly thetaCols: Int32Array;
  /** True when λ is diagonal (zerocorr, or amalgamated scalar / zerocorr terms). */
  readonly diagonal: boolean;
  /**
   * For an amalgamated term, how its columns split into the original bar terms (lengths sum to s),
   * so output can show lme4's `Subject` / `Subject.1` groups. A single term gives [s].
   */
  readonly blockSizes: readonly number[];
  /** Canonical text of the original bar terms merged here. */
  readonly labels: readonly string[];
  /** MixedModels.jl-style names of the s columns (`Machine: A`). */
  readonly mixedModelsColumnNames?: readonly string[];
}

/**
 * A structured note about how the model was built (a term dropped, a formula read a particular
 * way). Models copy these into their own warnings.
 */
export interface ModelPartsWarning extends ModelWarningV1 {
  /** The column concerned, when there is one. */
  readonly column?: string;
  /** The formula term concerned, when there is one. */
  readonly term?: string;
}

/**
 * How `y` was read from the response: `numeric` as written; `cbind` from lme4's
 * `cbind(successes, failures)` as the proportion s/(s+f), with `trials` = s+f and the trials
 * multiplied into `weights` (as R's `binomial()` does); `binary` from a boolean or two-level
 * factor as 0/1 (`responseLevels` = [failure, success]).
 */
export type ResponseKind = "numeric" | "cbind" | "binary";

export interface ModelParts {
  readonly formula: ParsedFormula;
  /** Observations used (after dropping rows with missing values). */
  readonly n: number;
  readonly responseName: string;
  readonly y: Float64Array;
  readonly X: FixedEffectsMatrix;
  /** Random-effects terms, sorted by number of random effects (ℓ·s) descending, stable. */
  readonly reterms: readonly RandomEffectsMatrix[];
  /** Case weights, or null. For a `cbind` response: prior weights (or 1) times the trials. */
  readonly weights: Float64Array | null;
  /**
   * Sum of the formula's `offset(...)` terms and of the `offset` option per observation, or null
   * when there is neither.
   */
  readonly offset?: Float64Array | null;
  /**
   * The `offset` option already summed into `offset`, as given (a column name or the array), so
   * a model that takes an offset option of its own can tell it apart and not add it twice.
   */
  readonly offsetOption?: RowValuesOption;
  /** How the response was read (see `ResponseKind`); "numeric" unless the options or formula say. */
  readonly responseKind?: ResponseKind;
  /** successes + failures per observation for a `cbind` response, else null. */
  readonly trials?: Float64Array | null;
  /** [failure, success] level labels of a `binary` response, else null. */
  readonly responseLevels?: readonly [string, string] | null;
  /**
   * Structured warnings about how the model was built (a response also on the right-hand side
   * dropped, an unparenthesised bar read as lme4 reads it, non-integer counts). Empty when none.
   */
  readonly warnings?: readonly ModelPartsWarning[];
  /** 0-based indices (into the input rows) of the rows dropped for missing values. */
  readonly droppedRows: Int32Array;
  /** The normalized input table. */
  readonly table: DataTable;
  /** The `contrasts` option the parts were built with, if any (new-data designs reuse it). */
  readonly contrasts?: Readonly<Record<string, Contrast>>;
}
