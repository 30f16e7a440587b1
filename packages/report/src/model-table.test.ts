import { describe, expect, it } from "vitest";
import { referenceSummary } from "../test/reference-summary";
import { formatModelTable, modelTableSpec } from "./model-table";

describe("formatModelTable", () => {
  it("gives MixedModels.jl's compact sleepstudy table", () => {
    expect(formatModelTable(referenceSummary("sleepstudy_ml"), { format: "markdown" })).toBe(
      [
        "|             |     Est. |     SE |     z |      p | σ\\_Subject |",
        "| :---------- | -------: | -----: | ----: | -----: | ---------: |",
        "| (Intercept) | 251.4051 | 6.6323 | 37.91 | <1e-99 |    23.7806 |",
        "| Days        |  10.4673 | 1.5022 |  6.97 | <1e-11 |     5.7168 |",
        "| Residual    |  25.5918 |        |       |        |            |",
      ].join("\n"),
    );
  });

  it("has one σ column per grouping factor, zerocorr terms merged into their factor", () => {
    const zerocorr = modelTableSpec(referenceSummary("sleepstudy_zc_ml"));
    expect(zerocorr.columns.map((column) => column.header)).toEqual([
      "",
      "Est.",
      "SE",
      "z",
      "p",
      "σ_Subject",
    ]);
    expect(zerocorr.rows[1]).toEqual(["Days", "10.4673", "1.5193", "6.89", "<1e-11", "5.7994"]);
    const crossed = modelTableSpec(referenceSummary("penicillin_ml"));
    expect(crossed.columns.slice(5).map((column) => column.header)).toEqual([
      "σ_plate",
      "σ_sample",
    ]);
    expect(crossed.rows[0].slice(5)).toEqual(["0.8456", "1.7706"]);
  });

  it("adds rows for random effects without a fixed counterpart", () => {
    const base = referenceSummary("sleepstudy_ml");
    const spec = modelTableSpec({
      ...base,
      fixef: { names: ["(Intercept)"], estimates: [251.4], stderror: [9.5], aliased: [false] },
    });
    expect(spec.rows.map((row) => row[0])).toEqual(["(Intercept)", "Days", "Residual"]);
    expect(spec.rows[1]).toEqual(["Days", "", "", "", "", "5.7168"]);
    for (const row of spec.rows) expect(row).toHaveLength(spec.columns.length);
  });

  it("writes σ_factor as math in LaTeX", () => {
    const latex = formatModelTable(referenceSummary("sleepstudy_ml"), { format: "latex" });
    expect(latex).toContain("$\\sigma_\\text{Subject}$");
  });
});
