import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { referenceSummary } from "../test/reference-summary";
import { formatSummary } from "./format-summary";
import { formatVarCorr } from "./varcorr-table";

// Issue 12: a correlation with a standard deviation estimated as exactly zero is undefined; the
// model reports it as null with a note, and a report prints "—" (never "NaN").
function zeroInterceptVariance(): FittedModelSummaryV1 {
  const summary = referenceSummary("sleepstudy_ml");
  const [group] = summary.varcorr;
  const message = "the standard deviation of '(Intercept)' is estimated as exactly zero";
  return {
    ...summary,
    varcorr: [
      {
        ...group,
        sd: [0, group.sd[1]],
        corr: [
          [1, null],
          [null, 1],
        ],
        corrNotes: [
          { row: 0, column: 1, reason: "zero-variance", message },
          { row: 1, column: 0, reason: "zero-variance", message },
        ],
      },
    ],
  };
}

describe("an undefined correlation", () => {
  it('prints as "—" in text, Markdown, HTML and LaTeX', () => {
    const summary = zeroInterceptVariance();
    const text = formatVarCorr(summary);
    expect(text).toContain("         Days          32.68220  5.71683     —");
    for (const format of ["markdown", "html", "latex"] as const) {
      const table = formatVarCorr(summary, { format });
      expect(table).toContain("—");
      expect(table).not.toContain("NaN");
    }
    expect(formatSummary(summary)).not.toContain("NaN");
  });
});
