import type { FittedModelSummaryV1, LinearMixedModel } from "mixedmodels";
import { describe, expect, it } from "vitest";
import { toFitJson } from "./summary-json";

// Issue 12: an undefined correlation (a standard deviation of exactly zero) is null in the JSON,
// with the model's note saying why; JSON never carries NaN.
const message = "the standard deviation of '(Intercept)' is estimated as exactly zero";
const summary: FittedModelSummaryV1 = {
  specificationVersion: "v1",
  formula: "y ~ 1 + Days + (1 + Days | Subject)",
  reml: false,
  nobs: 180,
  objective: 1710.6552,
  loglik: -855.3276,
  aic: 1722.6552,
  bic: 1741.8129,
  aicc: 1723.1405,
  dof: 6,
  sigma: 24.1282,
  theta: [0, -0.18, 0.184],
  fixef: {
    names: ["(Intercept)", "Days"],
    estimates: [250, 10.47],
    stderror: [1.8, 1.5],
    aliased: [false, false],
  },
  varcorr: [
    {
      group: "Subject",
      names: ["(Intercept)", "Days"],
      sd: [0, 6.2111],
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
  ngroups: [{ group: "Subject", levels: 18 }],
  warnings: [],
  optimization: {
    optimizer: "bobyqa",
    evaluations: 100,
    status: "converged",
    converged: true,
    message: "",
    initialTheta: [1, 0, 1],
    initialObjective: 1800,
  },
  singular: true,
};

// toFitJson reads the summary and the coefficient table of a fitted model; the summary above
// is what the model reports for sleepstudy with each subject's OLS intercept removed (see
// packages/models/test/badly-scaled-data.test.ts, which checks the model side).
const model = {
  summary: () => summary,
  parts: { warnings: [] },
  coeftable: () =>
    summary.fixef.names.map((name, i) => ({
      name,
      estimate: summary.fixef.estimates[i],
      stderror: summary.fixef.stderror[i],
      z: summary.fixef.estimates[i] / summary.fixef.stderror[i],
      p: 0,
      aliased: false,
    })),
} as unknown as LinearMixedModel;

describe("fit --json with an undefined correlation", () => {
  it("writes null and the reason", () => {
    const json = JSON.stringify(toFitJson(model));
    expect(json).not.toContain("NaN");
    const [group] = JSON.parse(json).varcorr;
    expect(group.corr).toEqual([
      [1, null],
      [null, 1],
    ]);
    expect(group.corrNotes[0]).toEqual({ row: 0, column: 1, reason: "zero-variance", message });
  });
});
