import type { OptimizerV1 } from "@mixedmodels/core";
import {
  type FitOptions,
  GeneralizedLinearMixedModel,
  type GlmmFitOptions,
  type LinearMixedModel,
} from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";

/** `LinearMixedModel.fit` options with the optimizer optional: BOBYQA by default. */
export type FitDefaults = Omit<FitOptions, "optimizer"> & { readonly optimizer?: OptimizerV1 };

/** `GeneralizedLinearMixedModel.fit` options (nAGQ, fast, ...) with BOBYQA by default. */
export type GlmmFitDefaults = Omit<GlmmFitOptions, "optimizer"> & {
  readonly optimizer?: OptimizerV1;
};

/**
 * Fit a model with BOBYQA unless another optimizer meeting the `OptimizerV1` spec is given, and
 * return the same model, fitted. A linear model: maximum likelihood, REML with `{ reml: true }`.
 * A generalized model: the Laplace approximation, adaptive Gauss–Hermite with `{ nAGQ }` (one
 * scalar random-effects term), θ alone with `{ fast: true }`.
 */
export function fit<Model extends GeneralizedLinearMixedModel>(
  model: Model,
  options?: GlmmFitDefaults,
): Model;
export function fit<Model extends LinearMixedModel>(model: Model, options?: FitDefaults): Model;
export function fit(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
  options: FitDefaults | GlmmFitDefaults = {},
): LinearMixedModel | GeneralizedLinearMixedModel {
  const optimizer = options.optimizer ?? bobyqa();
  if (model instanceof GeneralizedLinearMixedModel) {
    model.fit({ ...(options as GlmmFitDefaults), optimizer });
  } else {
    model.fit({ ...(options as FitDefaults), optimizer });
  }
  return model;
}
