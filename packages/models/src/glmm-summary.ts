import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { buildSummary, type SummarySource } from "./model-summary";
import type { OptimizationSummary } from "./model-types";

/** What the generalized summary reads besides the common fields. */
export interface GeneralizedSummarySource extends SummarySource {
  readonly familyName: string;
  readonly linkName: string;
  readonly nAGQ: number;
  readonly fast: boolean;
  readonly dispersion: number | null;
}

/** The common summary plus the `generalized` block (family, link, nAGQ, dispersion). */
export function buildGeneralizedSummary(
  model: GeneralizedSummarySource,
  optsum: OptimizationSummary,
): FittedModelSummaryV1 {
  return {
    ...buildSummary(model, optsum),
    generalized: {
      family: model.familyName,
      link: model.linkName,
      nAGQ: model.nAGQ,
      fast: model.fast,
      dispersion: model.dispersion,
      objectiveName:
        model.dispersion !== null
          ? "−2 log-likelihood (Laplace)"
          : model.nAGQ === 1
            ? "Laplace deviance"
            : `AGQ deviance (${model.nAGQ} nodes)`,
    },
  };
}
