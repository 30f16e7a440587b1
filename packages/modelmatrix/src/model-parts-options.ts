import type { Contrast } from "./contrasts/contrast";
import type { ModelKind } from "./random/random-effects-terms";

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
  readonly weights?: string | ArrayLike<number | null>;
  /** Merge random-effects terms on the same grouping factor (default true). */
  readonly amalgamate?: boolean;
  /** lme4's identifiability checks for `lmer` ("lmm", default) or `glmer` ("glmm"). */
  readonly kind?: ModelKind;
}
