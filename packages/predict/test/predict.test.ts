import { DataError, ModelError } from "@mixedmodels/core";
import { sleepstudy } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { predict } from "../src/index";
import reference from "./fixtures/sleepstudy_predict.json";
import lme4Fit from "./fixtures/sleepstudy_predict_theta.json";

const fitted = (formula: string, data: Parameters<typeof LinearMixedModel.fromFormula>[1]) =>
  LinearMixedModel.fromFormula(formula, data).fit({ optimizer: bobyqa() });

function expectRelative(actual: ArrayLike<number>, expected: readonly number[], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(
      tolerance * Math.abs(expected[i]),
    );
  }
}

describe("predict on sleepstudy (lme4 1.1-31 predictions)", () => {
  // At the θ of the lme4 fit that made the predictions, so that predict itself is compared; our
  // own optimum (tested below) is slightly lower and moves the conditional modes by ~1e-6.
  const model = fitted(reference.formula, sleepstudy);
  const ownOptimum = Float64Array.from(model.theta);
  model.setTheta(lme4Fit.theta);
  const newdata = reference.newdata;
  const known = newdata.slice(0, 4);

  it("all terms, unseen levels from the population, within 1e-6 of lme4", () => {
    const values = predict(model, newdata, { newLevels: "population" });
    expectRelative(values, reference.predictions.all_terms_new_population, 1e-6);
  });

  it("fixed effects only (re.form = NA), within 1e-6 of lme4", () => {
    expectRelative(
      predict(model, newdata, { terms: "none" }),
      reference.predictions.fixed_only,
      1e-6,
    );
    // Without the grouping column at all: it is not needed.
    const daysOnly = newdata.map((row) => ({ Days: row.Days }));
    expectRelative(
      predict(model, daysOnly, { terms: "none" }),
      reference.predictions.fixed_only,
      1e-6,
    );
  });

  it("known levels with the default policy, within 1e-6 of lme4; link = response for a linear model", () => {
    expectRelative(predict(model, known), reference.predictions.known_levels_only, 1e-6);
    expectRelative(
      predict(model, known, { type: "link", terms: ["Subject"] }),
      reference.predictions.known_levels_only,
      1e-6,
    );
  });

  it("unseen grouping levels: an error naming factor and levels, or NaN with 'missing'", () => {
    expect(() => predict(model, newdata)).toThrow(DataError);
    expect(() => predict(model, newdata)).toThrow(/'Subject'.*'new1', 'new2'/);
    const values = predict(model, newdata, { newLevels: "missing" });
    expectRelative(values.subarray(0, 4), reference.predictions.known_levels_only, 1e-6);
    expect(Number.isNaN(values[4]) && Number.isNaN(values[5])).toBe(true);
  });

  it("at our own optimum (deviance not above lme4's): within 2e-6 of lme4", () => {
    const own = fitted(reference.formula, sleepstudy);
    expect(Array.from(own.theta)).toEqual(Array.from(ownOptimum));
    expect(own.objective).toBeLessThanOrEqual(lme4Fit.deviance + 1e-9);
    const values = predict(own, newdata, { newLevels: "population" });
    expectRelative(values, reference.predictions.all_terms_new_population, 2e-6);
  });

  it("equals fitted() on the model's own data with all terms, bit for bit", () => {
    const values = predict(model, sleepstudy);
    expect(Array.from(values)).toEqual(Array.from(model.fitted()));
  });

  it("keeps row order and length: a missing predictor gives NaN in place", () => {
    const rows = [
      { Days: 2, Subject: "331" },
      { Days: null, Subject: "331" },
      { Days: 5, Subject: null },
      { Days: 7, Subject: "308" },
    ];
    const values = predict(model, rows);
    expect(values).toHaveLength(4);
    expect(Number.isNaN(values[1]) && Number.isNaN(values[2])).toBe(true);
    const single = (row: (typeof rows)[number]) => predict(model, [row])[0];
    expect(values[0]).toBe(single(rows[0]));
    expect(values[3]).toBe(single(rows[3]));
    // Fixed effects only do not need Subject, so row 2 has a prediction there.
    expect(Number.isNaN(predict(model, rows, { terms: "none" })[2])).toBe(false);
  });

  it("rejects an absent column, a bad terms entry and a bad policy with typed errors", () => {
    expect(() => predict(model, [{ days: 1, Subject: "308" }])).toThrow(/no column 'Days'.*'days'/);
    expect(() => predict(model, known, { terms: ["Subjct"] })).toThrow(ModelError);
    expect(() => predict(model, known, { newLevels: "drop" as unknown as "error" })).toThrow(
      ModelError,
    );
  });
});

describe("predict: designs from the model's stored levels, contrasts and transforms", () => {
  const data = {
    y: [3.1, 4.2, 5.9, 7.1, 2.2, 6.3, 8.8, 9.4, 4.1, 5.5, 7.7, 6.9],
    x: [1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4],
    f: ["a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"],
    g: ["g1", "g1", "g1", "g1", "g2", "g2", "g2", "g2", "g3", "g3", "g3", "g3"],
  };

  it("a factor with one level in newdata keeps the model's contrasts (JuliaStats#625, lme4#143)", () => {
    const model = fitted("y ~ 1 + f + (1 | g)", data);
    const own = predict(model, data);
    const onlyC = predict(model, [{ f: "c", g: "g2" }]);
    expect(onlyC[0]).toBe(own[5]);
  });

  it("scale() and poly() use the training statistics: each row alone gives the same value", () => {
    for (const formula of [
      "y ~ 1 + scale(x) + (1 | g)",
      "y ~ 1 + poly(x, 2) + (1 | g)",
      "y ~ 1 + scale(log(x)) + center(x) + (1 | g)",
    ]) {
      const model = fitted(formula, data);
      const all = predict(model, data);
      expect(Array.from(all)).toEqual(Array.from(model.fitted()));
      for (const t of [0, 6, 11]) {
        const row = { x: data.x[t], g: data.g[t] };
        expect(predict(model, [row])[0]).toBeCloseTo(all[t], 12);
      }
    }
  });

  it("custom contrasts stored in the parts are reused", () => {
    const model = LinearMixedModel.fromFormula("y ~ 1 + f + (1 | g)", data, {
      contrasts: { f: "sum" },
    }).fit({ optimizer: bobyqa() });
    expect(Array.from(predict(model, data))).toEqual(Array.from(model.fitted()));
    expect(predict(model, [{ f: "b", g: "g3" }])[0]).toBeCloseTo(model.fitted()[10], 12);
  });

  it("an unseen level of a fixed-effect factor is a DataError naming column and level", () => {
    const model = fitted("y ~ 1 + f + (1 | g)", data);
    const attempt = () => predict(model, [{ f: "d", g: "g1" }], { newLevels: "population" });
    expect(attempt).toThrow(DataError);
    expect(attempt).toThrow(/level 'd' of 'f'/);
  });

  it("a linear model's offset option (a column) is read from newdata as offset(x) would be", () => {
    const withOption = LinearMixedModel.fromFormula("y ~ 1 + x + (1 | g)", data, {
      offset: "x",
    }).fit({ optimizer: bobyqa() });
    const inFormula = fitted("y ~ 1 + x + offset(x) + (1 | g)", data);
    const rows = [
      { x: 2.5, g: "g1" },
      { x: 4, g: "g3" },
    ];
    const a = predict(withOption, rows);
    const b = predict(inFormula, rows);
    for (let t = 0; t < rows.length; t++) expect(a[t]).toBeCloseTo(b[t], 8);
    const own = predict(withOption, data);
    const values = withOption.fitted();
    // Offset and Xβ are summed in another order than fitted() sums them: the last bit may differ.
    for (let t = 0; t < own.length; t++) expect(own[t]).toBeCloseTo(values[t], 12);
  });

  it("numbers given for a categorical column match its level labels", () => {
    const numeric = { ...data, g: data.g.map((label) => Number(label.slice(1))) };
    const model = LinearMixedModel.fromFormula("y ~ 1 + x + (1 | g)", numeric, {
      categorical: ["g"],
    }).fit({ optimizer: bobyqa() });
    expect(predict(model, [{ x: 3, g: 2 }])[0]).toBe(predict(model, [{ x: 3, g: "2" }])[0]);
    expect(predict(model, [{ x: 3, g: 2 }])[0]).toBeCloseTo(model.fitted()[6], 12);
  });
});
