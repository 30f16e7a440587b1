import type { TableInput } from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";
import { buildModelParts, type ModelPartsOptions } from "@mixedmodels/modelmatrix";
import type { LinearMixedModelOptions } from "@mixedmodels/models";
import { MixedModel } from "./mixed-model";
import { rememberBuildOptions } from "./saved-fit/build-options";

/** Options of `lmm`: how to read the data (contrasts, categorical columns, levels, weights). */
export type LmmOptions = ModelPartsOptions & LinearMixedModelOptions;

/**
 * A linear mixed model from an lme4-style formula and data, not yet fitted: the model matrices
 * and the blocked cross-product are built here, once.
 * @example
 * const m = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy));
 * @throws FormulaSyntaxError for a bad formula, DataError for bad data, ModelError for a model
 *   that cannot be fitted as specified.
 */
export function lmm(
  formula: string | ParsedFormula,
  data: TableInput,
  options: LmmOptions = {},
): MixedModel {
  const model = new MixedModel(buildModelParts(formula, data, options), options);
  // Kept for saveFit(), which writes down how the model was built.
  rememberBuildOptions(model, typeof formula === "string" ? formula : formula.text, options);
  return model;
}
