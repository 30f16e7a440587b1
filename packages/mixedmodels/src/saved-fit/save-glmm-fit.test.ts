import { cbpp, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { fit, GeneralizedMixedModel, glmm } from "../index";
import { restoreFit, saveFit } from "./save-fit";

// saveFit/restoreFit of a GLMM (issue 16): cbpp, binomial with the herd sizes as trials.
const formula = "incidence / size ~ 1 + period + (1 | herd)";
const build = () => glmm(formula, cbpp, { family: "binomial", weights: "size" });

/** Everything a user reads off a fitted GLMM, as one JSON text (typed arrays as arrays). */
function accessorsOf(model: GeneralizedMixedModel): string {
  return JSON.stringify({
    objective: model.objective,
    loglikelihood: model.loglikelihood,
    theta: Array.from(model.theta),
    fixef: Array.from(model.fixef()),
    stderror: Array.from(model.stderror()),
    ranef: model.ranef().map((table) => Array.from(table.values)),
    fitted: Array.from(model.fitted()),
    summary: model.summary(),
    text: model.toString(),
    fitLog: model.fitLog.map((entry) => [Array.from(entry.theta), entry.objective]),
    nAGQ: model.nAGQ,
    warnings: model.warnings,
  });
}

describe("saveFit and restoreFit of a GLMM", () => {
  for (const options of [{}, { nAGQ: 9 }, { fast: true }]) {
    it(`restores a cbpp fit (${JSON.stringify(options)}) from JSON with identical bits`, () => {
      const model = fit(build(), options);
      const text = JSON.stringify(saveFit(model));
      expect(text.length).toBeLessThan(20_000);
      const restored = restoreFit(text, cbpp);
      if (!(restored instanceof GeneralizedMixedModel)) throw new Error("not a GLMM");
      expect(restored.isFitted).toBe(true);
      expect(restored.familyName).toBe(model.familyName);
      expect(Object.is(restored.objective, model.objective)).toBe(true);
      expect(restored.summary()).toEqual(model.summary());
      expect(accessorsOf(restored)).toBe(accessorsOf(model));
    });
  }

  it("refuses other data", () => {
    const saved = saveFit(fit(build()));
    const size = cbpp.columns.size;
    if (size?.kind !== "numeric") throw new Error("cbpp size");
    const other = {
      ...cbpp,
      columns: { ...cbpp.columns, size: { ...size, values: size.values.map((v) => v + 1) } },
    };
    expect(() => restoreFit(saved, other)).toThrow(/not the ones the fit was saved with/);
    expect(() => restoreFit(saved, sleepstudy)).toThrow();
  });
});
