/**
 * What the diagnostic plots read from a fitted model, by shape only: a `LinearMixedModel` or a
 * `GeneralizedLinearMixedModel` fits it, and report (layer 7) stays free of a dependency on the
 * model layer's classes.
 */

/** One random-effects term's conditional modes (the shape of `model.ranef()`'s entries). */
export interface RandomEffectsInput {
  /** Grouping factor label; a second term on the same factor is `Subject.1`. */
  readonly group: string;
  readonly levels: readonly string[];
  readonly columnNames: readonly string[];
  /** s×ℓ column-major: values[level·s + column]. */
  readonly values: ArrayLike<number>;
}

/** One term's conditional covariance per level (the shape of `model.condVar()`'s entries). */
export interface ConditionalVarianceInput {
  readonly group: string;
  readonly levels: readonly string[];
  readonly columnNames: readonly string[];
  /** s×s×ℓ: the s×s matrix of level l starts at l·s·s (column-major). */
  readonly values: ArrayLike<number>;
}

/** A fitted model as the caterpillar and Q–Q plots need it. */
export interface RandomEffectsModel {
  ranef(): readonly RandomEffectsInput[];
  condVar(): readonly ConditionalVarianceInput[];
}

/** A fitted model as the residual plot needs it (response residuals, y − fitted). */
export interface FittedValuesModel {
  fitted(): ArrayLike<number>;
  residuals(): ArrayLike<number>;
}

/**
 * A Vega-Lite specification as plain JSON (no vega types: report carries no plotting dependency).
 * Render it with vega-embed in a page or vega's headless renderer (`mixedmodels plot`).
 */
export interface VegaLiteSpec {
  readonly $schema: string;
  readonly [property: string]: unknown;
}

/** The Vega-Lite schema the specs are written against (vega-lite 5 and 6 both read it). */
export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
