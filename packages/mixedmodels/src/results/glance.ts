import type { LinearMixedModel } from "@mixedmodels/models";

/** broom.mixed's `glance()` of a linear mixed model: one row of fit statistics. */
export interface GlanceRow {
  readonly nobs: number;
  readonly sigma: number;
  /** The log-likelihood (for REML fits the REML log-likelihood, as lme4). */
  readonly logLik: number;
  readonly AIC: number;
  readonly BIC: number;
  /** −2 log-likelihood by ML at the fitted θ (for REML fits too, as broom.mixed reports it). */
  readonly deviance: number;
  readonly "df.residual": number;
}

/**
 * Fit statistics as one plain row with broom.mixed's column names.
 * @throws ModelError before `fit`.
 */
export function glance(model: LinearMixedModel): GlanceRow {
  const summary = model.summary();
  return {
    nobs: summary.nobs,
    sigma: summary.sigma,
    logLik: summary.loglik,
    AIC: summary.aic,
    BIC: summary.bic,
    deviance: model.reml ? model.objectiveAt(model.theta, false) : summary.objective,
    "df.residual": model.dofResidual,
  };
}
