import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { formatCoefTable } from "./coef-table";
import { summaryWarnings } from "./model-warnings";
import { escapeHtml } from "./table/render-html";
import { escapeLatex } from "./table/render-latex";
import { formatVarCorr } from "./varcorr-table";

/** `Number of obs: 30; levels of grouping factors: 6` (factors in the model's internal order). */
export function observationsLine(summary: FittedModelSummaryV1): string {
  const levels = summary.ngroups.map((group) => String(group.levels)).join(", ");
  return `Number of obs: ${summary.nobs}; levels of grouping factors: ${levels}`;
}

/**
 * The blocks every rich summary ends with, linear or generalized: the variance components, the
 * observations line, the fixed-effects table and the warnings, in Markdown, HTML or LaTeX.
 */
export function closingSections(
  summary: FittedModelSummaryV1,
  format: "markdown" | "html" | "latex",
): string[] {
  const varCorr = formatVarCorr(summary, { format });
  const coefTable = formatCoefTable(summary, { format });
  const warnings = summaryWarnings(summary);
  if (format === "markdown") {
    return [
      "**Variance components**",
      varCorr,
      observationsLine(summary),
      "**Fixed-effects parameters**",
      coefTable,
      ...warnings.map((warning) => `> **Warning:** ${warning}`),
    ];
  }
  if (format === "html") {
    return [
      "<p><strong>Variance components</strong></p>",
      varCorr,
      `<p>${escapeHtml(observationsLine(summary))}</p>`,
      "<p><strong>Fixed-effects parameters</strong></p>",
      coefTable,
      ...warnings.map(
        (warning) => `<p class="warning"><strong>Warning:</strong> ${escapeHtml(warning)}</p>`,
      ),
    ];
  }
  return [
    `\\noindent Variance components\\\\\n${varCorr}`,
    escapeLatex(observationsLine(summary)),
    `\\noindent Fixed-effects parameters\\\\\n${coefTable}`,
    ...warnings.map((warning) => `\\textbf{Warning:} ${escapeLatex(warning)}`),
  ];
}
