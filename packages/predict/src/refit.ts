import type { GeneralizedLinearMixedModel, LinearMixedModel } from "@mixedmodels/models";

/**
 * Fit the model again to a new response (one value per row the model used), reusing its
 * structure: the pattern of A and the symbolic analysis of L are kept. A linear model recomputes
 * only the response's cross-products (`LinearMixedModel.refit`); a generalized one
 * (`GeneralizedLinearMixedModel.refit`) checks the response against its family, refits the GLM
 * for its starting β and reruns the fit from θ = 1, its working model reweighted in place per
 * PIRLS step as in any fit. Returns the same model, refitted with the options of its last fit.
 * @throws ModelError for a response of the wrong length; DataError for a value outside the
 *   family's support or not finite.
 */
export function refit<Model extends LinearMixedModel | GeneralizedLinearMixedModel>(
  model: Model,
  y: ArrayLike<number>,
): Model {
  model.refit(y);
  return model;
}
