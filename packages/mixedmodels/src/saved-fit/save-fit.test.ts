import { pastes, sleepstudy } from "@mixedmodels/datasets";
import { DataError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { fit, lmm, MixedModel } from "../index";
import { restoreFit, saveFit } from "./save-fit";

/** Everything a user reads off a fitted model, as one JSON text (typed arrays as arrays). */
function accessorsOf(model: ReturnType<typeof lmm>): string {
  return JSON.stringify({
    objective: model.objective,
    theta: Array.from(model.theta),
    fixef: Array.from(model.fixef()),
    stderror: Array.from(model.stderror()),
    vcov: Array.from(model.vcov()),
    sigma: model.sigma,
    ranef: model.ranef().map((table) => Array.from(table.values)),
    condVar: model.condVar().map((table) => Array.from(table.values)),
    fitted: Array.from(model.fitted()),
    leverage: Array.from(model.leverage()),
    varCorr: model.varCorr(),
    summary: model.summary(),
    text: model.toString(),
    fitLog: model.fitLog.map((entry) => [Array.from(entry.theta), entry.objective]),
    warnings: model.warnings,
  });
}

describe("saveFit and restoreFit", () => {
  it("restores a fit without optimizing, with bit-identical accessors and summary", () => {
    const model = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy), {
      reml: true,
    });
    const text = JSON.stringify(saveFit(model));
    expect(text.length).toBeLessThan(20_000);
    const restored = restoreFit(text, sleepstudy);
    // From text the kind is known only at run time: a linear fit comes back as lmm() builds it.
    if (!(restored instanceof MixedModel)) throw new Error("not a MixedModel");
    expect(restored.isFitted).toBe(true);
    expect(restored.reml).toBe(true);
    expect(accessorsOf(restored)).toBe(accessorsOf(model));
    expect(restored.optsum?.evaluations).toBe(model.fitLog.length);
  });

  it("keeps the build options (level order, contrasts) and the warnings", () => {
    const options = { contrasts: { cask: "sum" as const }, levels: { cask: ["c", "b", "a"] } };
    const model = fit(lmm("strength ~ 1 + cask + (1 | batch) + (1 | sample)", pastes, options));
    const restored = restoreFit(saveFit(model), pastes);
    expect(restored.coefnames()).toEqual(model.coefnames());
    expect(accessorsOf(restored)).toBe(accessorsOf(model));
  });

  it("refuses other data, something that is not a saved fit, and a newer format", () => {
    const model = fit(lmm("Reaction ~ 1 + Days + (1 | Subject)", sleepstudy));
    const saved = saveFit(model);
    const shifted = {
      ...sleepstudy.columns,
      Reaction: {
        kind: "numeric" as const,
        values:
          sleepstudy.columns.Reaction.kind === "numeric"
            ? sleepstudy.columns.Reaction.values.map((v) => v + 1)
            : new Float64Array(),
      },
    };
    expect(() =>
      restoreFit(saved, { nrow: 180, names: sleepstudy.names, columns: shifted }),
    ).toThrow(DataError);
    expect(() => restoreFit("{}", sleepstudy)).toThrow(/not a saved fit/);
    expect(() => restoreFit({ ...saved, version: 2 as 1 }, sleepstudy)).toThrow(/version 2/);
    expect(() => saveFit(lmm("Reaction ~ 1 + (1 | Subject)", sleepstudy))).toThrow(/fit/);
  });
});
