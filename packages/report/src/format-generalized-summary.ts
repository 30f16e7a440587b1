import type { FittedModelSummaryV1, GeneralizedSummaryV1 } from "@mixedmodels/core";
import { type FormatOptions, formatCoefTable } from "./coef-table";
import { summaryWarnings } from "./model-warnings";
import { closingSections, observationsLine } from "./summary-sections";
import { formatFixed } from "./number-format";
import { escapeHtml } from "./table/render-html";
import { escapeLatex } from "./table/render-latex";
import { escapeMarkdownCell } from "./table/render-markdown";
import { checkFormat, renderTable } from "./table/render-table";
import type { TableSpec } from "./table/table-spec";
import { centre, formatVarCorr } from "./varcorr-table";

// The summary of a generalized linear mixed model, laid out as MixedModels.jl shows one: the
// criterion with nAGQ, the formula, the distribution and link, logLik / deviance / AIC / AICc /
// BIC, the variance components (a Residual line only for a family with a dispersion), the
// numbers of observations and levels, the fixed effects with z and p.

const FAMILY_NAMES: Readonly<Record<string, string>> = {
  bernoulli: "Bernoulli",
  binomial: "Binomial",
  poisson: "Poisson",
  gamma: "Gamma",
  inversegaussian: "InverseGaussian",
  gaussian: "Normal",
};

function generalizedPart(summary: FittedModelSummaryV1): GeneralizedSummaryV1 {
  if (summary.generalized === undefined) throw new RangeError("not a generalized model summary");
  return summary.generalized;
}

/** `Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = 1)`. */
export function generalizedCriterionLine(summary: FittedModelSummaryV1): string {
  return `Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = ${generalizedPart(summary).nAGQ})`;
}

/** The distribution, link and objective lines under the formula. */
function familyLines(summary: FittedModelSummaryV1): string[] {
  const g = generalizedPart(summary);
  return [
    `Distribution: ${FAMILY_NAMES[g.family] ?? g.family}`,
    `Link: ${g.link}`,
    `Objective: ${g.objectiveName}${g.fast ? " (fast: θ optimized, β by PIRLS)" : ""}`,
  ];
}

const STATISTICS = [" logLik", " deviance", "AIC", "AICc", "BIC"] as const;

/** logLik, deviance (the objective), AIC, AICc, BIC with 4 decimals. */
export function generalizedStatisticsSpec(summary: FittedModelSummaryV1): TableSpec {
  const values = [summary.loglik, summary.objective, summary.aic, summary.aicc, summary.bic];
  return {
    columns: STATISTICS.map((label) => ({ header: label.trim(), align: "right" as const })),
    rows: [values.map((value) => formatFixed(value, 4))],
  };
}

function statisticsText(summary: FittedModelSummaryV1): string {
  const values = generalizedStatisticsSpec(summary).rows[0];
  const width = Math.max(11, ...values.map((value) => value.length + 1));
  const header = STATISTICS.map((label) => centre(label, width)).join("");
  return `${header.trimEnd()}\n${values.map((value) => value.padStart(width)).join("")}`;
}

function formatText(summary: FittedModelSummaryV1): string {
  const lines = [generalizedCriterionLine(summary), `  ${summary.formula}`];
  lines.push(...familyLines(summary).map((line) => `  ${line}`), "", statisticsText(summary));
  lines.push("", formatVarCorr(summary), ` ${observationsLine(summary)}`);
  lines.push("", "Fixed-effects parameters:", formatCoefTable(summary));
  const warnings = summaryWarnings(summary);
  if (warnings.length > 0) lines.push("", ...warnings.map((warning) => `Warning: ${warning}`));
  return lines.join("\n");
}

function formatMarkdown(summary: FittedModelSummaryV1): string {
  const blocks = [
    `**${generalizedCriterionLine(summary)}**`,
    `\`${summary.formula.replaceAll("`", "")}\``,
    familyLines(summary).map(escapeMarkdownCell).join("  \n"),
    renderTable(generalizedStatisticsSpec(summary), "markdown"),
    ...closingSections(summary, "markdown"),
  ];
  return blocks.join("\n\n");
}

function formatHtml(summary: FittedModelSummaryV1): string {
  return [
    '<div class="mixedmodels-summary">',
    `<p><strong>${escapeHtml(generalizedCriterionLine(summary))}</strong></p>`,
    `<p><code>${escapeHtml(summary.formula)}</code></p>`,
    `<p>${familyLines(summary).map(escapeHtml).join("<br>")}</p>`,
    renderTable(generalizedStatisticsSpec(summary), "html"),
    ...closingSections(summary, "html"),
    "</div>",
  ].join("\n");
}

function formatLatex(summary: FittedModelSummaryV1): string {
  return [
    `\\noindent ${escapeLatex(generalizedCriterionLine(summary))}\\\\\n\\texttt{${escapeLatex(summary.formula)}}`,
    familyLines(summary).map(escapeLatex).join("\\\\\n"),
    renderTable(generalizedStatisticsSpec(summary), "latex"),
    ...closingSections(summary, "latex"),
  ].join("\n\n");
}

/**
 * The summary of a generalized linear mixed model (a summary with `generalized`) in the
 * requested format. Pure: the same summary always gives byte-identical output.
 * @throws RangeError for an unknown format or a linear model's summary.
 */
export function formatGeneralizedSummary(
  summary: FittedModelSummaryV1,
  options: FormatOptions = {},
): string {
  const format = checkFormat(options.format);
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
