import { ModelError } from "@mixedmodels/core";
import { GeneralizedLinearMixedModel } from "@mixedmodels/models";

/**
 * The df methods, F tests, ranova and profiles are for linear mixed models: a generalized model
 * reaching them from JavaScript (no types) or through the umbrella's free functions gets a
 * ModelError naming the call, not a TypeError from deep inside.
 * @throws ModelError for a generalized model
 */
export function requireLinear(model: object, what: string): void {
  if (model instanceof GeneralizedLinearMixedModel)
    throw new ModelError(
      `${what} needs a linear mixed model; a generalized model has Wald z tests (coeftable without ddf) and Wald or bootstrap intervals (confint)`,
    );
}
