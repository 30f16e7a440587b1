import type { TableInput } from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";
import { buildModelParts, type ModelPartsOptions } from "@mixedmodels/modelmatrix";
import {
  GeneralizedLinearMixedModel,
  type GeneralizedLinearMixedModelOptions,
  readsBinaryResponse,
} from "@mixedmodels/models";
import { formatSummary } from "@mixedmodels/report";
import { rememberBuildOptions } from "./saved-fit/build-options";

/**
 * Options of `glmm`: the family (`bernoulli`, `binomial`, `poisson`, `gamma`, `inversegaussian`,
 * `gaussian`), the link (R's names; the canonical link by default), prior weights (binomial: the
 * number of trials), an offset, and how to read the data.
 */
export type GlmmOptions = ModelPartsOptions & GeneralizedLinearMixedModelOptions;

/**
 * The model users get from `glmm()`: a `GeneralizedLinearMixedModel` whose `toString()` prints
 * the full summary (as MixedModels.jl prints a GLMM) once fitted.
 */
export class GeneralizedMixedModel extends GeneralizedLinearMixedModel {
  override toString(): string {
    return this.isFitted ? formatSummary(this.summary(), { format: "text" }) : super.toString();
  }
}

/**
 * A generalized linear mixed model from an lme4-style formula and data, not yet fitted. A
 * binomial family without weights is Bernoulli (a 0/1 response, or a boolean or two-level
 * factor with the first level the failure), as in glmer; `cbind(successes, failures)` is a
 * binomial response with the trials as weights.
 * @example
 * const m = fit(glmm("r2 ~ 1 + Anger + Gender + btype + situ + (1|id) + (1|item)", verbagg, { family: "bernoulli" }));
 * const b = fit(glmm("incidence / size ~ 1 + period + (1|herd)", cbpp, { family: "binomial", weights: "size" }), { nAGQ: 9 });
 * @throws FormulaSyntaxError for a bad formula; DataError for data the family cannot take
 *   (naming the column and row); ModelError for an unknown family or link, or the Gaussian
 *   family with the identity link (use `lmm`).
 */
export function glmm(
  formula: string | ParsedFormula,
  data: TableInput,
  options: GlmmOptions,
): GeneralizedMixedModel {
  const model = new GeneralizedMixedModel(
    buildModelParts(formula, data, {
      binaryResponse: readsBinaryResponse(options.family),
      ...options,
      kind: "glmm",
    }),
    options,
  );
  // Kept for saveFit(), which writes down how the model was built.
  rememberBuildOptions(model, typeof formula === "string" ? formula : formula.text, options);
  return model;
}
