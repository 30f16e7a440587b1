import { type FittedModelSummaryV1, ModelError } from "@mixedmodels/core";
import { chiSquareSurvival } from "@mixedmodels/distributions";
import { describe, expect, it } from "vitest";
import { referenceSummary } from "../test/reference-summary";
import { formatLikelihoodRatioTest } from "./format-likelihood-ratio-test";
import { likelihoodRatioTest } from "./likelihood-ratio-test";

const intercept = referenceSummary("sleepstudy_int_ml");
const zerocorr = referenceSummary("sleepstudy_zc_ml");
const correlated = referenceSummary("sleepstudy_ml");

describe("likelihoodRatioTest", () => {
  it("compares the two sleepstudy ML fits: χ² = 1794.0786 − 1751.9393 on 2 df", () => {
    const result = likelihoodRatioTest(intercept, correlated);
    expect(result.nobs).toBe(180);
    const [first, second] = result.rows;
    expect(first).toEqual({
      formula: intercept.formula,
      dof: 4,
      deviance: intercept.objective,
      chisq: null,
      chisqDof: null,
      p: null,
    });
    expect(second.chisq).toBeCloseTo(1794.07864300523 - 1751.9393444632, 9);
    // The same statistic as twice the gain in log-likelihood.
    expect(second.chisq).toBeCloseTo(2 * (correlated.loglik - intercept.loglik), 9);
    expect(second.chisqDof).toBe(2);
    expect(second.p).toBe(chiSquareSurvival(second.chisq ?? Number.NaN, 2));
    expect(second.p).toBeGreaterThan(7.0e-10);
    expect(second.p).toBeLessThan(7.2e-10);
  });

  it("chains three nested models, zerocorr between intercept-only and correlated", () => {
    const result = likelihoodRatioTest(intercept, zerocorr, correlated);
    expect(result.rows.map((row) => row.chisqDof)).toEqual([null, 1, 1]);
    expect(result.rows[2].chisq).toBeCloseTo(zerocorr.objective - correlated.objective, 9);
  });

  it("prints MixedModels.jl's table", () => {
    const text = formatLikelihoodRatioTest(likelihoodRatioTest(intercept, correlated));
    expect(text).toBe(
      [
        "Likelihood-ratio test: 2 models fitted on 180 observations",
        "Model Formulae",
        "1: Reaction ~ 1 + Days + (1 | Subject)",
        "2: Reaction ~ 1 + Days + (1 + Days | Subject)",
        "────────────────────────────────────────────",
        "     DoF  -2 logLik       χ²  χ²-dof  P(>χ²)",
        "────────────────────────────────────────────",
        "[1]    4  1794.0786",
        "[2]    6  1751.9393  42.1393       2  <1e-09",
        "────────────────────────────────────────────",
      ].join("\n"),
    );
  });

  it("rejects fewer than two models", () => {
    expect(() => likelihoodRatioTest(correlated)).toThrow(ModelError);
    expect(() => likelihoodRatioTest()).toThrow(/at least two models, got 0/);
  });

  it("rejects models fitted to different data", () => {
    const dyestuff = referenceSummary("dyestuff_ml");
    expect(() => likelihoodRatioTest(dyestuff, correlated)).toThrow(ModelError);
    expect(() => likelihoodRatioTest(dyestuff, correlated)).toThrow(/30 observations/);
    const otherResponse: FittedModelSummaryV1 = {
      ...correlated,
      formula: "log(Reaction) ~ 1 + Days + (1 + Days | Subject)",
    };
    expect(() => likelihoodRatioTest(intercept, otherResponse)).toThrow(/different responses/);
    const withPrint = (fingerprint: string) => ({ ...correlated, dataFingerprint: fingerprint });
    expect(() =>
      likelihoodRatioTest(
        { ...intercept, dataFingerprint: "a1" } as FittedModelSummaryV1,
        withPrint("b2"),
      ),
    ).toThrow(/data fingerprints/);
    expect(() =>
      likelihoodRatioTest(
        { ...intercept, dataFingerprint: "a1" } as FittedModelSummaryV1,
        withPrint("a1"),
      ),
    ).not.toThrow();
  });

  it("rejects models that are not nested or not in increasing order", () => {
    expect(() => likelihoodRatioTest(correlated, intercept)).toThrow(
      /from the simplest to the most complex/,
    );
    const noDays: FittedModelSummaryV1 = {
      ...correlated,
      fixef: { ...correlated.fixef, names: ["(Intercept)", "Hours"] },
    };
    expect(() => likelihoodRatioTest(intercept, noDays)).toThrow(/fixed effects Days are not in/);
    const otherGroup: FittedModelSummaryV1 = {
      ...correlated,
      varcorr: [{ ...correlated.varcorr[0], group: "Day" }],
    };
    expect(() => likelihoodRatioTest(intercept, otherGroup)).toThrow(
      /random effects \(Intercept\) \| Subject are not in the larger model/,
    );
  });

  it("compares REML fits only when their fixed effects are the same, and never with ML fits", () => {
    const reml = referenceSummary("sleepstudy_reml");
    expect(() => likelihoodRatioTest(intercept, reml)).toThrow(
      /REML fit with a maximum-likelihood/,
    );
    const remlIntercept: FittedModelSummaryV1 = {
      ...intercept,
      reml: true,
      fixef: {
        ...intercept.fixef,
        names: ["(Intercept)"],
        estimates: [251.4],
        stderror: [9.5],
        aliased: [false],
      },
    };
    expect(() => likelihoodRatioTest(remlIntercept, reml)).toThrow(ModelError);
    expect(() => likelihoodRatioTest(remlIntercept, reml)).toThrow(/same fixed effects/);
    const remlSameFixed: FittedModelSummaryV1 = {
      ...intercept,
      reml: true,
      objective: 1786.5,
      dof: 4,
    };
    const result = likelihoodRatioTest(remlSameFixed, reml);
    expect(result.reml).toBe(true);
    expect(result.rows[1].chisq).toBeCloseTo(1786.5 - reml.objective, 9);
    expect(formatLikelihoodRatioTest(result)).toContain("REML criterion");
  });
});
