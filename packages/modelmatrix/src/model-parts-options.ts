import type { Contrast } from "./contrasts/contrast";
import type { ModelKind } from "./random/random-effects-terms";

/** A per-row value for the model: a column name, or one value per input row (NaN/null = missing). */
export type RowValuesOption = string | ArrayLike<number | null>;

/** Options of `buildModelParts`. */
export interface ModelPartsOptions {
  /**
   * Codings of categorical variables, keyed by column name (`dept`) or factor label
   * (`factor(x)`); default treatment coding. A numeric column with a contrast becomes categorical.
   */
  readonly contrasts?: Readonly<Record<string, Contrast>>;
  /** Columns to treat as categorical even when numeric. */
  readonly categorical?: readonly string[];
  /** Explicit level orders (first level = reference level). */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
  /** Case weights: a column name, or one value per input row (NaN/null = missing). */
  readonly weights?: RowValuesOption;
  /**
   * A known offset added to the linear predictor: a column name, or one value per input row
   * (NaN/null = missing). Added to the formula's `offset(...)` terms when there are both.
   */
  readonly offset?: RowValuesOption;
  /**
   * Read a boolean or two-level categorical response as 0/1, the first level (FALSE) being the
   * failure as in R's `binomial()`. For binomial families; without it a categorical response is
   * a DataError (a linear model needs numbers).
   */
  readonly binaryResponse?: boolean;
  /**
   * Most columns of X accepted (default 2000): each objective evaluation factors the
   * fixed-effects block at a cost of about p³/3, so a larger X is almost always a factor meant as
   * a grouping factor. A ModelError says so before anything large is allocated.
   */
  readonly maxFixedEffects?: number;
  /** Merge random-effects terms on the same grouping factor (default true). */
  readonly amalgamate?: boolean;
  /** lme4's identifiability checks for `lmer` ("lmm", default) or `glmer` ("glmm"). */
  readonly kind?: ModelKind;
}
