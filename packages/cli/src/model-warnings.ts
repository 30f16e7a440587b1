import type { FittedModelSummaryV1, ModelWarningV1 } from "mixedmodels";
import type { CliModel } from "./commands/cli-model";

/**
 * The model's summary with the warnings of how its parts were built (a response also on the
 * right-hand side dropped, an unparenthesised bar read as lme4 reads it) added where the model
 * has not copied them itself, so the JSON and the text show them once.
 */
export function summaryWithBuildWarnings(model: CliModel): FittedModelSummaryV1 {
  const summary = model.summary();
  const built = model.parts.warnings ?? [];
  if (built.length === 0) return summary;
  const seen = new Set(summary.warnings.map((warning) => `${warning.code}\n${warning.message}`));
  const added: ModelWarningV1[] = built
    .filter((warning) => !seen.has(`${warning.code}\n${warning.message}`))
    .map((warning) => ({ code: warning.code, message: warning.message }));
  return added.length === 0 ? summary : { ...summary, warnings: [...added, ...summary.warnings] };
}
