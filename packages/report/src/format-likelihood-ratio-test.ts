import type { FormatOptions } from "./coef-table";
import type { LikelihoodRatioTestResult } from "./likelihood-ratio-test";
import { formatFixed, formatPValue } from "./number-format";
import { escapeHtml } from "./table/render-html";
import { escapeLatex } from "./table/render-latex";
import { checkFormat, renderTable } from "./table/render-table";
import type { TableSpec } from "./table/table-spec";

/**
 * The test as a table: model number, DoF, −2 logLik (4 decimals), χ² (4 decimals), χ²-dof and
 * P(>χ²), the last three empty for the first model.
 */
export function likelihoodRatioTestSpec(result: LikelihoodRatioTestResult): TableSpec {
  const criterion = result.reml ? "REML criterion" : "-2 logLik";
  return {
    columns: [
      { header: "", align: "left" },
      { header: "DoF", align: "right" },
      { header: criterion, align: "decimal" },
      { header: "χ²", align: "decimal" },
      { header: "χ²-dof", align: "right" },
      { header: "P(>χ²)", align: "right" },
    ],
    rows: result.rows.map((row, i) => [
      `[${i + 1}]`,
      String(row.dof),
      formatFixed(row.deviance, 4),
      row.chisq === null ? "" : formatFixed(row.chisq, 4),
      row.chisqDof === null ? "" : String(row.chisqDof),
      row.p === null ? "" : formatPValue(row.p),
    ]),
  };
}

function heading(result: LikelihoodRatioTestResult): string {
  return `Likelihood-ratio test: ${result.rows.length} models fitted on ${result.nobs} observations`;
}

/**
 * A likelihood-ratio test result in the requested format. Text follows MixedModels.jl: a heading,
 * `Model Formulae` with one numbered formula per line, then the table between rules of `─`.
 *
 * @throws RangeError for an unknown format.
 */
export function formatLikelihoodRatioTest(
  result: LikelihoodRatioTestResult,
  options: FormatOptions = {},
): string {
  const format = checkFormat(options.format);
  const formulae = result.rows.map((row, i) => `${i + 1}: ${row.formula}`);
  const table = renderTable(likelihoodRatioTestSpec(result), format, { rules: true });
  switch (format) {
    case "text":
      return [heading(result), "Model Formulae", ...formulae, table].join("\n");
    case "markdown":
      return [
        `**${heading(result)}**`,
        formulae.map((line) => `${line.replace(/([\\`*_|])/g, "\\$1")}  `).join("\n"),
        table,
      ].join("\n\n");
    case "html":
      return [
        `<p><strong>${escapeHtml(heading(result))}</strong></p>`,
        `<ol>${result.rows.map((row) => `<li><code>${escapeHtml(row.formula)}</code></li>`).join("")}</ol>`,
        table,
      ].join("\n");
    case "latex":
      return [
        `\\noindent ${escapeLatex(heading(result))}\\\\`,
        formulae.map((line) => `${escapeLatex(line)}\\\\`).join("\n"),
        table,
      ].join("\n");
  }
}
