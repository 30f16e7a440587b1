/**
 * t tests of the fixed effects with denominator degrees of freedom (lmerTest's `summary`), as
 * `@mixedmodels/inference` computes them; aligned with `fixef.names` (NaN where aliased).
 */
export interface FixedEffectsTestsV1 {
  /** How the df were found. */
  readonly method: "satterthwaite" | "kenward-roger";
  /** Standard errors (Kenward–Roger: from the adjusted covariance). */
  readonly stderror: readonly number[];
  readonly df: readonly number[];
  readonly t: readonly number[];
  /** Two-sided p-values P(|T_df| > |t|). */
  readonly p: readonly number[];
}
