import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { formatSummary } from "./index";

// A REML sleepstudy summary with lmerTest's Satterthwaite t table (lmerTest 3.1-3: df 17.000005,
// 16.999999; t 36.84, 6.77) attached as @mixedmodels/inference's summaryWithTests does.
const summary: FittedModelSummaryV1 = {
  specificationVersion: "v1",
  formula: "Reaction ~ 1 + Days + (1 + Days | Subject)",
  reml: true,
  nobs: 180,
  objective: 1743.6283,
  loglik: -871.8141,
  aic: 1755.6283,
  bic: 1774.7859,
  aicc: 1756.1136,
  dof: 6,
  sigma: 25.5918,
  theta: [0.9667, 0.0152, 0.2309],
  fixef: {
    names: ["(Intercept)", "Days"],
    estimates: [251.405104848484, 10.4672859595959],
    stderror: [6.82455577032695, 1.54578893547556],
    aliased: [false, false],
  },
  varcorr: [
    {
      group: "Subject",
      names: ["(Intercept)", "Days"],
      sd: [24.7407, 5.9221],
      corr: [
        [1, 0.066],
        [0.066, 1],
      ],
    },
  ],
  ngroups: [{ group: "Subject", levels: 18 }],
  warnings: [],
  optimization: {
    optimizer: "bobyqa",
    evaluations: 60,
    status: "converged",
    converged: true,
    message: "",
    initialObjective: 1784.6,
  } as FittedModelSummaryV1["optimization"],
  singular: false,
  fixedEffectsTests: {
    method: "satterthwaite",
    stderror: [6.82455577032695, 1.54578893547556],
    df: [17.000005227385, 16.9999988558952],
    t: [36.8383105522544, 6.77148459234872],
    p: [1.17087475324129e-17, 3.26379027326798e-6],
  },
};

describe("a summary with fixedEffectsTests", () => {
  it("prints df, t and Pr(>|t|) columns and names the method, in every format", () => {
    const text = formatSummary(summary);
    expect(text).toMatch(/Pr\(>\|t\|\)/);
    expect(text).toMatch(/Days\s+10\.4673\s+1\.54579\s+17\.00\s+6\.77\s+<1e-05/);
    expect(text).toContain(
      "t tests use Satterthwaite's method for the denominator degrees of freedom",
    );
    expect(text).not.toMatch(/Pr\(>\|z\|\)/);
    for (const format of ["markdown", "html", "latex"] as const) {
      const out = formatSummary(summary, { format });
      expect(out).toContain("Satterthwaite");
      expect(out).toContain("17.00");
    }
    const kr = formatSummary({
      ...summary,
      fixedEffectsTests: { ...summary.fixedEffectsTests!, method: "kenward-roger" },
    });
    expect(kr).toContain("Kenward-Roger's method");
  });
  it("without the field the table is unchanged (Wald z)", () => {
    const { fixedEffectsTests: _, ...plain } = summary;
    expect(formatSummary(plain)).toMatch(/Pr\(>\|z\|\)/);
  });
});
