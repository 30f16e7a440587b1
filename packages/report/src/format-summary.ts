import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { type FormatOptions, formatCoefTable } from "./coef-table";
import { formatGeneralizedSummary } from "./format-generalized-summary";
import { summaryWarnings } from "./model-warnings";
import { closingSections, observationsLine } from "./summary-sections";
import { formatFixed } from "./number-format";
import { escapeHtml } from "./table/render-html";
import { escapeLatex } from "./table/render-latex";
import { escapeMarkdownCell } from "./table/render-markdown";
import { checkFormat, renderTable } from "./table/render-table";
import type { OutputFormat, TableSpec } from "./table/table-spec";
import { centre, formatVarCorr } from "./varcorr-table";

/** `Linear mixed model fit by maximum likelihood` or `... by REML`. */
export function criterionLine(summary: FittedModelSummaryV1): string {
  return `Linear mixed model fit by ${summary.reml ? "REML" : "maximum likelihood"}`;
}

export { observationsLine } from "./summary-sections";

const FIT_STATISTICS = ["logLik", "-2 logLik", "AIC", "AICc", "BIC"] as const;

/** The ML fit statistics, 4 decimals: logLik, −2 logLik, AIC, AICc, BIC. */
export function fitStatisticsSpec(summary: FittedModelSummaryV1): TableSpec {
  const values = [summary.loglik, -2 * summary.loglik, summary.aic, summary.aicc, summary.bic];
  return {
    columns: FIT_STATISTICS.map((header) => ({ header, align: "right" as const })),
    rows: [values.map((value) => formatFixed(value, 4))],
  };
}

/** MixedModels.jl's two-line block: centred labels over right-aligned values, one common width. */
function fitStatisticsText(summary: FittedModelSummaryV1): string {
  const values = fitStatisticsSpec(summary).rows[0];
  const width = Math.max(11, ...values.map((value) => value.length + 1));
  const header = FIT_STATISTICS.map((label) => centre(label, width)).join("");
  const row = values.map((value) => value.padStart(width)).join("");
  return `${header.trimEnd()}\n${row}`;
}

function remlLine(summary: FittedModelSummaryV1): string {
  return `REML criterion at convergence: ${formatFixed(summary.objective, 4)}`;
}

function formatText(summary: FittedModelSummaryV1): string {
  const lines = [criterionLine(summary), ` ${summary.formula}`];
  lines.push(summary.reml ? ` ${remlLine(summary)}` : fitStatisticsText(summary));
  lines.push("", formatVarCorr(summary), ` ${observationsLine(summary)}`);
  lines.push("", "  Fixed-effects parameters:", formatCoefTable(summary));
  const warnings = summaryWarnings(summary);
  if (warnings.length > 0) lines.push("", ...warnings.map((warning) => `Warning: ${warning}`));
  return lines.join("\n");
}

function inlineCode(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text.includes("`") ? ` ${text} ` : text}${fence}`;
}

function formatMarkdown(summary: FittedModelSummaryV1): string {
  const blocks = [`**${criterionLine(summary)}**`, inlineCode(summary.formula)];
  blocks.push(
    summary.reml
      ? escapeMarkdownCell(remlLine(summary))
      : renderTable(fitStatisticsSpec(summary), "markdown"),
  );
  blocks.push(...closingSections(summary, "markdown"));
  return blocks.join("\n\n");
}

function formatHtml(summary: FittedModelSummaryV1): string {
  const parts = [
    '<div class="mixedmodels-summary">',
    `<p><strong>${escapeHtml(criterionLine(summary))}</strong></p>`,
    `<p><code>${escapeHtml(summary.formula)}</code></p>`,
    summary.reml
      ? `<p>${escapeHtml(remlLine(summary))}</p>`
      : renderTable(fitStatisticsSpec(summary), "html"),
    ...closingSections(summary, "html"),
    "</div>",
  ];
  return parts.join("\n");
}

function formatLatex(summary: FittedModelSummaryV1): string {
  const blocks = [
    `\\noindent ${escapeLatex(criterionLine(summary))}\\\\\n\\texttt{${escapeLatex(summary.formula)}}`,
    summary.reml
      ? escapeLatex(remlLine(summary))
      : renderTable(fitStatisticsSpec(summary), "latex"),
    ...closingSections(summary, "latex"),
  ];
  return blocks.join("\n\n");
}

/**
 * A fitted model's summary, laid out like MixedModels.jl's `show`: the criterion line, the
 * formula, the ML fit statistics (or the REML criterion), the variance components, the numbers of
 * observations and levels, the fixed effects with z and p, then any warnings in plain words.
 * Markdown, HTML and LaTeX give the same content as paragraphs and tables. Pure: the same summary
 * always gives byte-identical output.
 *
 * @throws RangeError for an unknown format.
 */
export function formatSummary(summary: FittedModelSummaryV1, options: FormatOptions = {}): string {
  if (summary.generalized !== undefined) return formatGeneralizedSummary(summary, options);
  const format: OutputFormat = checkFormat(options.format);
  switch (format) {
    case "text":
      return formatText(summary);
    case "markdown":
      return formatMarkdown(summary);
    case "html":
      return formatHtml(summary);
    case "latex":
      return formatLatex(summary);
  }
}
