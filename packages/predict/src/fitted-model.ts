import type { ModelParts } from "@mixedmodels/modelmatrix";
import { GeneralizedLinearMixedModel } from "@mixedmodels/models";

/**
 * What predict and simulate read from a fitted model: its parts (design, levels, contrasts) and
 * its estimates. `LinearMixedModel` and `GeneralizedLinearMixedModel` have this shape (the latter's
 * inverse link is read from its response).
 */
export interface FittedMixedModel {
  readonly parts: ModelParts;
  /** β for the kept columns of X. */
  fixef(): Float64Array;
  /** Conditional modes b per random-effects term, s×ℓ column-major (values[level·s + column]). */
  ranef(options?: { uscale?: boolean }): readonly { readonly values: Float64Array }[];
  /** θ in the model's term order. */
  readonly theta: Float64Array;
  /** Residual standard deviation (the dispersion scale of a generalized model). */
  readonly sigma: number;
  /**
   * The inverse link, for generalized models (μ = g⁻¹(η)); absent for a linear model, whose
   * link is the identity.
   */
  readonly inverseLink?: (eta: number) => number;
  /** A generalized model's `offset` option as given (a column name or values), if any. */
  readonly offsetOption?: string | ArrayLike<number | null>;
}

/** The response-scale transform of a model: its inverse link, or the identity. */
export function inverseLinkOf(model: FittedMixedModel): (eta: number) => number {
  if (model.inverseLink !== undefined) return model.inverseLink;
  if (model instanceof GeneralizedLinearMixedModel) {
    const { link } = model.response;
    return (eta) => link.inverse(eta);
  }
  return (eta) => eta;
}

/**
 * Which random-effects terms (indices into `parts.reterms`) a `terms` option selects: "all",
 * "none", or grouping-factor labels.
 */
export function selectedTerms(
  parts: ModelParts,
  terms: "all" | "none" | readonly string[],
  error: (message: string) => Error,
): number[] {
  if (terms === "all") return parts.reterms.map((_, j) => j);
  if (terms === "none") return [];
  const groups = parts.reterms.map((term) => term.group);
  for (const name of terms) {
    if (!groups.includes(name)) {
      throw error(
        `terms names the grouping factor '${name}', which is not in the model (its grouping factors: ${groups.join(", ")})`,
      );
    }
  }
  return groups.flatMap((group, j) => (terms.includes(group) ? [j] : []));
}
