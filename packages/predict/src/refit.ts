import type { LinearMixedModel } from "@mixedmodels/models";

/**
 * Fit the model again to a new response (one value per row the model used), reusing its
 * structure: only the response's cross-products are recomputed; the pattern of A and the
 * symbolic analysis of L are kept (`LinearMixedModel.refit`). Returns the same model, refitted
 * with the options of its last fit.
 * @throws ModelError for a response of the wrong length; DataError for a non-finite value.
 */
export function refit<Model extends LinearMixedModel>(model: Model, y: ArrayLike<number>): Model {
  model.refit(y);
  return model;
}
