import { dyestuff } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { ModelError } from "@mixedmodels/core";
import { describe, expect, it, vi } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { expectWithin } from "./helpers/compare";

function fittedDyestuff(): LinearMixedModel {
  return LinearMixedModel.fromFormula("Yield ~ 1 + (1 | Batch)", dyestuff).fit({
    optimizer: bobyqa(),
  });
}

describe("the seed example: Yield ~ 1 + (1 | Batch) on dyestuff by ML", () => {
  const model = fittedDyestuff();

  it("reaches the reference objective, fixed effect and standard error", () => {
    expectWithin(model.objective, 327.3270598811394, 1e-10, 0, "objective");
    expectWithin(model.fixef()[0], 1527.5, 1e-8, 0, "β");
    expectWithin(model.stderror()[0], 17.6946, 0, 5e-5, "SE");
    expectWithin(model.sigma ** 2, 2451.25, 1e-4, 0, "σ²");
    expectWithin(model.varCorr().groups[0].sd[0] ** 2, 1388.33, 1e-4, 0, "σ²_Batch");
  });

  it("gives the conditional modes on the b and u scales", () => {
    const b = [-16.6282, 0.369516, 26.9747, -21.8014, 53.5798, -42.4943];
    const u = [-22.0949, 0.490999, 35.8429, -28.9689, 71.1948, -56.4648];
    const [onB] = model.ranef();
    const [onU] = model.ranef({ uscale: true });
    expect(onB.levels).toEqual(["A", "B", "C", "D", "E", "F"]);
    for (const [i, value] of b.entries()) expectWithin(onB.values[i], value, 2e-5, 1e-4, `b ${i}`);
    for (const [i, value] of u.entries()) expectWithin(onU.values[i], value, 2e-5, 1e-4, `u ${i}`);
  });

  it("records the fit log and reports each evaluation as MixedModels.jl does", () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((line: string) => {
      lines.push(line);
    });
    const progress: [number, number, number][] = [];
    try {
      LinearMixedModel.fromFormula("Yield ~ 1 + (1 | Batch)", dyestuff).fit({
        optimizer: bobyqa(),
        verbose: true,
        progress: (evaluation, theta, value) => progress.push([evaluation, theta[0], value]),
      });
    } finally {
      spy.mockRestore();
    }
    // lme4's start for a model of scalar intercepts (√ of the between-group variance over the
    // rest, lme4-start.ts): θ₀ = 0.97876050342587007 and f = 327.70265087344194 in R. Ours is
    // read from A (sums per level), so its last digit may differ from R's, which reads the rows.
    expect(lines[0]).toMatch(/^f_1: 327\.70265, \[0\.978760503425870\d\]$/);
    expect(lines.length).toBe(progress.length);
    expect(progress[0]).toEqual([
      1,
      expect.closeTo(0.97876050342587007, 14),
      expect.closeTo(327.70265087344194, 9),
    ]);
    expect(model.fitLog.length).toBe(model.optsum?.evaluations);
    expect(model.fitLog[0].objective).toBeCloseTo(327.70265087344194, 9);
    const best = Math.min(...model.fitLog.map((entry) => entry.objective));
    expectWithin(model.objective, best, 1e-12, 0, "final = best logged");
    // NLopt's heuristic at θ₀: ¾ of it.
    expect(model.optsum?.initialStep).toHaveLength(1);
    expect(model.optsum?.initialStep?.[0]).toBeCloseTo(0.75 * 0.97876050342587007, 14);
  });

  it("summarizes the fit as FittedModelSummaryV1", () => {
    const summary = model.summary();
    expect(summary.specificationVersion).toBe("v1");
    expect(summary.formula).toBe("Yield ~ 1 + (1 | Batch)");
    expect(summary.dof).toBe(3);
    expect(summary.fixef.names).toEqual(["(Intercept)"]);
    expect(summary.varcorr).toEqual([
      { group: "Batch", names: ["(Intercept)"], sd: [expect.closeTo(37.2603, 3)], corr: null },
    ]);
    expect(summary.ngroups).toEqual([{ group: "Batch", levels: 6 }]);
    expect(summary.optimization.converged).toBe(true);
    expect(summary.singular).toBe(false);
    expect(summary.warnings).toEqual([]);
    expect(model.toString()).toContain("deviance 327.3271");
  });

  it("refuses a second fit and refits with a new response", () => {
    expect(() => model.fit({ optimizer: bobyqa() })).toThrow(/refit/);
    const refitted = fittedDyestuff();
    const y = refitted.responseValues();
    refitted.refit(y.map((value) => 2 * value + 5));
    expectWithin(refitted.fixef()[0], 2 * 1527.5 + 5, 1e-8, 0, "β after refit");
    expectWithin(refitted.sigma, 2 * model.sigma, 1e-5, 0, "σ after refit");
    expectWithin(refitted.theta[0], model.theta[0], 0, 1e-4, "θ after refit");
    const broken = Array.from(y);
    broken[3] = Number.NaN;
    expect(() => refitted.refit(broken)).toThrow(/non-finite value NaN in row 3/);
    expect(() => refitted.refit(y.subarray(1))).toThrow(ModelError);
  });
});
