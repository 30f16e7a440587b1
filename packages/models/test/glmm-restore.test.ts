import { ModelError } from "@mixedmodels/core";
import { cbpp } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { GeneralizedLinearMixedModel } from "../src/generalized-linear-mixed-model";
import type { GlmmFitOptions } from "../src/glmm-options";

// A GLMM's saved fit (θ, β, u and the fit log) restored onto a new model of the same data: no
// optimization, and every accessor gives the fitted model's bits. cbpp, binomial with trials.
const formula = "incidence / size ~ 1 + period + (1 | herd)";
const build = () =>
  GeneralizedLinearMixedModel.fromFormula(formula, cbpp, { family: "binomial", weights: "size" });

/** Everything a user reads off a fitted GLMM, as one JSON text (typed arrays as arrays). */
function accessorsOf(model: GeneralizedLinearMixedModel): string {
  return JSON.stringify({
    objective: model.objective,
    deviance: model.deviance,
    loglikelihood: model.loglikelihood,
    theta: Array.from(model.theta),
    fixef: Array.from(model.fixef()),
    stderror: Array.from(model.stderror()),
    vcov: Array.from(model.vcov()),
    ranef: model.ranef().map((table) => Array.from(table.values)),
    condVar: model.condVar().map((table) => Array.from(table.values)),
    fitted: Array.from(model.fitted()),
    eta: Array.from(model.linearPredictor()),
    residuals: Array.from(model.residuals("deviance")),
    varCorr: model.varCorr(),
    summary: model.summary(),
    text: model.toString(),
    fitLog: model.fitLog.map((entry) => [Array.from(entry.theta), entry.objective]),
    pirls: model.pirlsIterations,
    nAGQ: model.nAGQ,
    fast: model.fast,
    warnings: model.warnings,
  });
}

/** The fit's record as it comes back from JSON (what the umbrella's saveFit writes). */
function throughJson(model: GeneralizedLinearMixedModel) {
  const optsum = model.optsum;
  if (optsum === null) throw new Error("not fitted");
  const record = JSON.parse(
    JSON.stringify({
      optsum: {
        ...optsum,
        fitLog: optsum.fitLog.map((e) => ({ theta: [...e.theta], objective: e.objective })),
      },
      state: model.savedState(),
      warnings: model.warnings,
    }),
  );
  record.optsum.fitLog = record.optsum.fitLog.map((e: { theta: number[]; objective: number }) => ({
    theta: Float64Array.from(e.theta),
    objective: e.objective,
  }));
  return record;
}

describe("GLMM restoreOptimization", () => {
  const cases: [string, Omit<GlmmFitOptions, "optimizer">][] = [
    ["Laplace over [β; θ]", {}],
    ["fast (θ only)", { fast: true }],
    ["nAGQ = 9", { nAGQ: 9 }],
  ];
  for (const [name, options] of cases) {
    it(`restores a ${name} fit without optimizing, with bit-identical accessors`, () => {
      const model = build().fit({ optimizer: bobyqa(), ...options });
      const { optsum, state, warnings } = throughJson(model);
      let evaluations = 0;
      const restored = build();
      const counting = restored.evaluator.install.bind(restored.evaluator);
      restored.evaluator.install = (...args) => {
        evaluations++;
        return counting(...args);
      };
      restored.restoreOptimization(optsum, state, warnings);
      // One installation of the working model at the saved parameters, no PIRLS, no optimizer.
      expect(evaluations).toBe(1);
      expect(restored.isFitted).toBe(true);
      expect(Object.is(restored.objective, model.objective)).toBe(true);
      expect(restored.summary()).toEqual(model.summary());
      expect(accessorsOf(restored)).toBe(accessorsOf(model));
    });
  }

  it("refuses a fitted model and a state of the wrong size", () => {
    const model = build().fit({ optimizer: bobyqa() });
    const optsum = model.optsum;
    if (optsum === null) throw new Error("not fitted");
    const state = model.savedState();
    expect(() => model.restoreOptimization(optsum, state)).toThrow(/already fitted/);
    expect(() => build().restoreOptimization(optsum, { ...state, u: state.u.slice(1) })).toThrow(
      ModelError,
    );
    expect(() => build().restoreOptimization(optsum, { ...state, fast: true })).toThrow(
      /finalTheta has 5 values, the model needs 1/,
    );
    expect(() => build().savedState()).toThrow(/fitted/);
  });
});
