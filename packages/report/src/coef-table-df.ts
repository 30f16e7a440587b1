import type { FittedModelSummaryV1, FixedEffectsTestsV1 } from "@mixedmodels/core";
import { formatFixed, formatPValue, formatSignificant } from "./number-format";
import { escapeHtml } from "./table/render-html";
import { escapeLatex } from "./table/render-latex";
import type { OutputFormat, TableSpec } from "./table/table-spec";

// The coefficient table of a summary that carries t tests with denominator df
// (`fixedEffectsTests`, from @mixedmodels/inference), as lmerTest's summary prints them.

const methodNames: Record<FixedEffectsTestsV1["method"], string> = {
  satterthwaite: "Satterthwaite's",
  "kenward-roger": "Kenward-Roger's",
};

/** Estimate, SE, df (2 decimals), t (2 decimals), Pr(>|t|); `(dropped)` for aliased rows. */
export function dfCoefTableSpec(
  summary: FittedModelSummaryV1,
  tests: FixedEffectsTestsV1,
): TableSpec {
  const { names, estimates, aliased } = summary.fixef;
  return {
    columns: [
      { header: "", align: "left" },
      { header: "Coef.", align: "decimal" },
      { header: "Std. Error", align: "decimal" },
      { header: "df", align: "decimal" },
      { header: "t", align: "right" },
      { header: "Pr(>|t|)", align: "right" },
    ],
    rows: names.map((name, i) =>
      aliased[i] === true
        ? [name, "(dropped)", "", "", "", ""]
        : [
            name,
            formatSignificant(estimates[i]),
            formatSignificant(tests.stderror[i]),
            formatFixed(tests.df[i], 2),
            formatFixed(tests.t[i], 2),
            formatPValue(tests.p[i]),
          ],
    ),
  };
}

/** The note under the table naming the df method, in the output format. */
export function dfMethodNote(tests: FixedEffectsTestsV1, format: OutputFormat): string {
  const text = `t tests use ${methodNames[tests.method]} method for the denominator degrees of freedom`;
  switch (format) {
    case "markdown":
      return `\n\n*${text}*`;
    case "html":
      return `\n<p class="df-method">${escapeHtml(text)}</p>`;
    case "latex":
      return `\n\n\\noindent ${escapeLatex(text)}`;
    default:
      return `\n  ${text}`;
  }
}
