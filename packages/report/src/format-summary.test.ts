import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { referenceSummary } from "../test/reference-summary";
import { formatCoefTable } from "./coef-table";
import { formatSummary } from "./format-summary";
import { formatVarCorr } from "./varcorr-table";

const DYESTUFF_ML = `Linear mixed model fit by maximum likelihood
 Yield ~ 1 + (1 | Batch)
  logLik    -2 logLik     AIC       AICc        BIC
  -163.6635   327.3271   333.3271   334.2501   337.5307

Variance components:
            Column    Variance Std.Dev.
Batch    (Intercept)  1388.3334 37.2603
Residual              2451.2500 49.5101
 Number of obs: 30; levels of grouping factors: 6

  Fixed-effects parameters:
────────────────────────────────────────────────
              Coef.  Std. Error      z  Pr(>|z|)
────────────────────────────────────────────────
(Intercept)  1527.5     17.6946  86.33    <1e-99
────────────────────────────────────────────────`;

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe("formatSummary, text", () => {
  it("prints the dyestuff ML fit like MixedModels.jl", () => {
    expect(formatSummary(referenceSummary("dyestuff_ml"))).toBe(DYESTUFF_ML);
  });

  it("prints the sleepstudy ML fit with correlations and decimal-aligned coefficients", () => {
    const text = formatSummary(referenceSummary("sleepstudy_ml"));
    const lines = text.split("\n");
    expect(lines[0]).toBe("Linear mixed model fit by maximum likelihood");
    expect(lines[1]).toBe(" Reaction ~ 1 + Days + (1 + Days | Subject)");
    expect(lines[2].trim().split(/\s{2,}/)).toEqual(["logLik", "-2 logLik", "AIC", "AICc", "BIC"]);
    expect(lines[3].trim().split(/\s+/)).toEqual([
      "-875.9697",
      "1751.9393",
      "1763.9393",
      "1764.4249",
      "1783.0971",
    ]);
    expect(text).toContain("            Column    Variance Std.Dev.   Corr.\n");
    expect(text).toContain("Subject  (Intercept)  565.51527 23.78056\n");
    expect(text).toContain("         Days          32.68220  5.71683 +0.08\n");
    expect(text).toContain("Residual              654.94104 25.59182\n");
    expect(text).toContain(" Number of obs: 180; levels of grouping factors: 18\n");
    expect(text).toContain("(Intercept)  251.405      6.63228  37.91    <1e-99\n");
    expect(text).toContain("Days          10.4673     1.50224   6.97    <1e-11\n");
    expect(text).not.toContain("Warning");
  });

  it("aligns every line of the coefficient table to the width of its rules", () => {
    const table = formatCoefTable(referenceSummary("sleepstudy_ml")).split("\n");
    const width = table[0].length;
    expect(table[0]).toMatch(/^─+$/);
    for (const line of table) expect(line.length).toBe(width);
    // Decimal points of the estimates line up.
    const rows = table.slice(3, 5);
    expect(rows[0].indexOf("251.405") + 3).toBe(rows[1].indexOf("10.4673") + 2);
  });

  it("aligns the decimal points of the variance components", () => {
    const lines = formatVarCorr(referenceSummary("penicillin_ml")).split("\n").slice(2);
    expect(lines).toHaveLength(3);
    const points = lines.map((line) => [...line.matchAll(/\./g)].map((match) => match.index));
    for (const line of points) expect(line).toEqual(points[0]);
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(["plate", "sample", "Residual"]);
  });

  it("lists the levels of every grouping factor and a term per line for zerocorr", () => {
    expect(formatSummary(referenceSummary("penicillin_ml"))).toContain(
      " Number of obs: 144; levels of grouping factors: 24, 6",
    );
    const zerocorr = formatVarCorr(referenceSummary("sleepstudy_zc_ml"));
    expect(zerocorr).toContain("Subject   (Intercept)  584.25013 24.17127");
    expect(zerocorr).toContain("Subject.1 Days          33.63314  5.79941");
    expect(zerocorr).not.toContain("Corr.");
  });

  it("prints the REML criterion instead of the likelihood table for a REML fit", () => {
    const text = formatSummary(referenceSummary("sleepstudy_reml"));
    expect(text.split("\n").slice(0, 3)).toEqual([
      "Linear mixed model fit by REML",
      " Reaction ~ 1 + Days + (1 + Days | Subject)",
      " REML criterion at convergence: 1743.6283",
    ]);
    expect(text).not.toContain("logLik");
  });

  it("shows structural zeros of a zerocorr term as a dot", () => {
    const base = referenceSummary("sleepstudy_ml");
    const summary: FittedModelSummaryV1 = {
      ...base,
      varcorr: [
        {
          ...base.varcorr[0],
          names: ["(Intercept)", "Days", "Days2"],
          sd: [23.78, 5.72, 1.5],
          corr: [
            [1, -0, 0.25],
            [-0, 1, -0.5],
            [0.25, -0.5, 1],
          ],
        },
      ],
    };
    const lines = formatVarCorr(summary).split("\n");
    expect(lines[3].endsWith("     .")).toBe(true);
    expect(lines[4].endsWith(" +0.25 -0.50")).toBe(true);
  });

  it("explains a singular fit, dropped columns and non-convergence in words", () => {
    const singular = formatSummary(referenceSummary("dyestuff2_ml"));
    expect(singular).toContain("Batch    (Intercept)   0.00000 0.00000");
    expect(singular).toMatch(
      /Warning: The fit is singular: some variance components are estimated/,
    );

    const base = referenceSummary("sleepstudy_ml");
    const troubled: FittedModelSummaryV1 = {
      ...base,
      fixef: {
        names: ["(Intercept)", "Days", "Days2"],
        estimates: [251.4, 10.47, -0],
        stderror: [6.6, 1.5, Number.NaN],
        aliased: [false, false, true],
      },
      optimization: {
        ...base.optimization,
        converged: false,
        evaluations: 1000,
        status: "max-evaluations",
        message: "reached the limit of 1000 evaluations",
      },
    };
    const text = formatSummary(troubled);
    expect(text).toContain("Days2");
    expect(text).toContain("(dropped)");
    expect(text).toContain(
      "Warning: The fixed-effects model matrix is rank deficient: 1 column was dropped because it is a linear combination of the others (Days2).",
    );
    expect(text).toMatch(/Warning: The optimizer \(.*\) did not converge \(reached the limit/);
  });

  it("prints the model's own warnings once and does not repeat an implied one", () => {
    const summary: FittedModelSummaryV1 = {
      ...referenceSummary("dyestuff2_ml"),
      warnings: [
        { code: "singular", message: "Batch's variance is estimated as zero." },
        { code: "singular", message: "Batch's variance is estimated as zero." },
      ],
    };
    const warnings = formatSummary(summary)
      .split("\n")
      .filter((line) => line.startsWith("Warning"));
    expect(warnings).toEqual(["Warning: Batch's variance is estimated as zero."]);
  });

  it("is pure: byte-identical output twice, and a frozen summary is not touched", () => {
    for (const name of ["dyestuff_ml", "sleepstudy_ml", "sleepstudy_reml", "dyestuff2_ml"]) {
      const summary = deepFreeze(referenceSummary(name));
      for (const format of ["text", "markdown", "html", "latex"] as const) {
        expect(formatSummary(summary, { format })).toBe(formatSummary(summary, { format }));
      }
    }
  });

  it("matches the stored snapshots", () => {
    expect(formatSummary(referenceSummary("sleepstudy_ml"))).toMatchSnapshot();
    expect(formatSummary(referenceSummary("pastes_nested_ml"))).toMatchSnapshot();
  });

  it("rejects an unknown format", () => {
    // @ts-expect-error: checked at run time for JavaScript callers.
    expect(() => formatSummary(referenceSummary("dyestuff_ml"), { format: "pdf" })).toThrow(
      /unknown output format 'pdf'/,
    );
  });
});
