import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { referenceSummary } from "../test/reference-summary";
import { formatCoefTable } from "./coef-table";
import { formatLikelihoodRatioTest } from "./format-likelihood-ratio-test";
import { formatSummary } from "./format-summary";
import { likelihoodRatioTest } from "./likelihood-ratio-test";
import { formatVarCorr } from "./varcorr-table";

/** Splits a Markdown table row on the pipes that are not escaped. */
function markdownCells(line: string): string[] {
  return line
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function markdownTables(text: string): string[][] {
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("|")) current.push(line);
    else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  if (current.length > 0) tables.push(current);
  return tables;
}

function expectWellFormedMarkdown(text: string, expectedTables: number): void {
  const tables = markdownTables(text);
  expect(tables).toHaveLength(expectedTables);
  for (const table of tables) {
    const width = markdownCells(table[0]).length;
    expect(markdownCells(table[1]).every((cell) => /^:?-{3,}:?$/.test(cell))).toBe(true);
    for (const row of table) expect(markdownCells(row)).toHaveLength(width);
  }
}

function expectWellFormedHtml(text: string, expectedTables: number): void {
  expect(text.match(/<table>/g)).toHaveLength(expectedTables);
  expect(text.match(/<\/table>/g)).toHaveLength(expectedTables);
  for (const table of text.split("<table>").slice(1)) {
    const header = table.match(/<thead><tr>(.*)<\/tr><\/thead>/)?.[1] ?? "";
    const columns = header.match(/<th[ >]/g)?.length ?? 0;
    expect(columns).toBeGreaterThan(0);
    const rows = [...table.matchAll(/^<tr>(.*)<\/tr>$/gm)].map((match) => match[1]);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.match(/<td[ >]/g)).toHaveLength(columns);
  }
}

function expectWellFormedLatex(text: string, expectedTables: number): void {
  const tables = [...text.matchAll(/\\begin\{tabular\}\{([lr]+)\}([\s\S]*?)\\end\{tabular\}/g)];
  expect(tables).toHaveLength(expectedTables);
  for (const [, spec, body] of tables) {
    const rows = body.split("\n").filter((line) => line.endsWith("\\\\"));
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      // Unescaped ampersands separate the cells.
      const separators = row.match(/(?<!\\)&/g)?.length ?? 0;
      expect(separators).toBe(spec.length - 1);
    }
  }
}

const summaries = ["dyestuff_ml", "sleepstudy_ml", "sleepstudy_reml", "pastes_nested_ml"].map(
  referenceSummary,
);

describe("markdown, HTML and LaTeX output", () => {
  it("markdown tables have as many cells in every row as in the header", () => {
    for (const summary of summaries) {
      expectWellFormedMarkdown(
        formatSummary(summary, { format: "markdown" }),
        summary.reml ? 2 : 3,
      );
      expectWellFormedMarkdown(formatVarCorr(summary, { format: "markdown" }), 1);
      expectWellFormedMarkdown(formatCoefTable(summary, { format: "markdown" }), 1);
    }
  });

  it("HTML tables have as many cells in every row as in the header", () => {
    for (const summary of summaries) {
      expectWellFormedHtml(formatSummary(summary, { format: "html" }), summary.reml ? 2 : 3);
      expectWellFormedHtml(formatVarCorr(summary, { format: "html" }), 1);
      expectWellFormedHtml(formatCoefTable(summary, { format: "html" }), 1);
    }
  });

  it("LaTeX tabulars have one column spec per cell", () => {
    for (const summary of summaries) {
      expectWellFormedLatex(formatSummary(summary, { format: "latex" }), summary.reml ? 2 : 3);
      expectWellFormedLatex(formatVarCorr(summary, { format: "latex" }), 1);
      expectWellFormedLatex(formatCoefTable(summary, { format: "latex" }), 1);
    }
  });

  it("likelihood-ratio tables are well formed in every format", () => {
    const result = likelihoodRatioTest(
      referenceSummary("sleepstudy_int_ml"),
      referenceSummary("sleepstudy_zc_ml"),
      referenceSummary("sleepstudy_ml"),
    );
    expectWellFormedMarkdown(formatLikelihoodRatioTest(result, { format: "markdown" }), 1);
    expectWellFormedHtml(formatLikelihoodRatioTest(result, { format: "html" }), 1);
    const latex = formatLikelihoodRatioTest(result, { format: "latex" });
    expectWellFormedLatex(latex, 1);
    // A row starting with "[" must not be read as the optional argument of the previous "\\".
    expect(latex).toContain("{}[1] & 4");
    expect(latex).toContain("$\\chi^2$");
  });

  it("escapes names that contain markup in every format", () => {
    const base = referenceSummary("sleepstudy_ml");
    const hostile: FittedModelSummaryV1 = {
      ...base,
      formula: "y ~ 1 + <script>alert('x')</script> + (1 | a&b)",
      fixef: { ...base.fixef, names: ["(Intercept)", "x_1|<b>&{%}$#~^\\"] },
      varcorr: [{ ...base.varcorr[0], group: "a&b<i>" }],
    };
    const html = formatSummary(hostile, { format: "html" });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<i>");
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("a&amp;b&lt;i&gt;");
    expectWellFormedHtml(html, 3);

    const markdown = formatSummary(hostile, { format: "markdown" });
    expectWellFormedMarkdown(markdown, 3);
    expect(markdown).toContain("x\\_1\\|\\<b>&{%}$#~^\\\\");
    // In a code span CommonMark shows markup literally.
    expect(markdown).toContain("`y ~ 1 + <script>alert('x')</script> + (1 | a&b)`");

    const latex = formatSummary(hostile, { format: "latex" });
    expectWellFormedLatex(latex, 3);
    expect(latex).toContain(
      "x\\_1\\textbar{}\\textless{}b\\textgreater{}\\&\\{\\%\\}\\$\\#\\textasciitilde{}\\textasciicircum{}\\textbackslash{}",
    );
  });
});
