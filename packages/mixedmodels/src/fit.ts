import type { OptimizerV1 } from "@mixedmodels/core";
import {
  type FitOptions,
  GeneralizedLinearMixedModel,
  type GlmmFitOptions,
  type LinearMixedModel,
} from "@mixedmodels/models";
import { bobyqa, quasiNewton } from "@mixedmodels/optim";

/** `LinearMixedModel.fit` options with the optimizer optional: BOBYQA by default. */
export type FitDefaults = Omit<FitOptions, "optimizer"> & { readonly optimizer?: OptimizerV1 };

/** `GeneralizedLinearMixedModel.fit` options (nAGQ, fast, ...) with BOBYQA by default. */
export type GlmmFitDefaults = Omit<GlmmFitOptions, "optimizer"> & {
  readonly optimizer?: OptimizerV1;
};

/**
 * Fit a model with the default optimizer unless another meeting the `OptimizerV1` spec is given,
 * and return the same model, fitted. The default: for a linear model whose objective's gradient
 * is cheap (`model.analyticGradientIsCheap`: one random-effects term, or q + p + 1 ≤ 40) the
 * quasi-Newton method with that gradient, which on the lme4 reference cases needs a third of
 * BOBYQA's evaluations and ends closer to the optimum; otherwise BOBYQA. A linear model: maximum likelihood, REML with `{ reml: true }`.
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
  if (model instanceof GeneralizedLinearMixedModel) {
    model.fit({ ...(options as GlmmFitDefaults), optimizer: options.optimizer ?? bobyqa() });
  } else {
    const optimizer =
      options.optimizer ?? (model.analyticGradientIsCheap ? quasiNewton() : bobyqa());
    model.fit({ ...(options as FitDefaults), optimizer });
  }
  return model;
}
