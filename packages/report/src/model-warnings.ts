import type { FittedModelSummaryV1 } from "@mixedmodels/core";

/**
 * The warnings to print under a model summary, as sentences: the model's own warnings, plus the
 * ones its flags imply when the model layer did not already word them (a singular fit, dropped
 * fixed-effects columns, an optimizer that did not converge). Duplicates by code are dropped.
 */
export function summaryWarnings(summary: FittedModelSummaryV1): string[] {
  const messages: string[] = [];
  const codes = new Set<string>();
  for (const warning of summary.warnings) {
    if (codes.has(warning.code)) continue;
    codes.add(warning.code);
    messages.push(warning.message);
  }
  if (summary.singular && !codes.has("singular")) {
    messages.push(
      "The fit is singular: some variance components are estimated as exactly zero, or some " +
        "correlations as +1 or -1. The random-effects structure is more complex than these data " +
        "support; consider simplifying it.",
    );
  }
  const dropped = summary.fixef.names.filter((_, i) => summary.fixef.aliased[i] === true);
  if (dropped.length > 0 && !codes.has("rank-deficient")) {
    messages.push(
      `The fixed-effects model matrix is rank deficient: ${dropped.length} ` +
        `${dropped.length === 1 ? "column was" : "columns were"} dropped because ` +
        `${dropped.length === 1 ? "it is a linear combination" : "they are linear combinations"} ` +
        `of the others (${dropped.join(", ")}).`,
    );
  }
  if (
    !summary.optimization.converged &&
    !codes.has("not-converged") &&
    !codes.has("max-evaluations")
  ) {
    const detail = summary.optimization.message || summary.optimization.status;
    messages.push(
      `The optimizer (${summary.optimization.optimizer}) did not converge` +
        `${detail ? ` (${detail})` : ""} after ${summary.optimization.evaluations} evaluations; ` +
        "the estimates may not be the maximum-likelihood ones.",
    );
  }
  return messages;
}
