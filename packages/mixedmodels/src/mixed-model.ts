import { LinearMixedModel } from "@mixedmodels/models";
import { formatSummary } from "@mixedmodels/report";

/**
 * The model users get from `lmm()`: a `LinearMixedModel` whose `toString()` prints the full
 * summary (criterion, fit statistics, variance components, fixed effects) once fitted.
 */
export class MixedModel extends LinearMixedModel {
  override toString(): string {
    return this.isFitted ? formatSummary(this.summary(), { format: "text" }) : super.toString();
  }
}
