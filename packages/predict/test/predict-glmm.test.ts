import { DataError, ModelError } from "@mixedmodels/core";
import { cbpp } from "@mixedmodels/datasets";
import { GeneralizedLinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { type FittedMixedModel, predict } from "../src/index";
import reference from "./fixtures/cbpp_predict.json";
import glmer from "./fixtures/cbpp_predict_glmer.json";

function expectRelative(actual: ArrayLike<number>, expected: readonly number[], tolerance: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i]), `row ${i}`).toBeLessThanOrEqual(
      tolerance * Math.abs(expected[i]),
    );
  }
}

/** The largest relative difference (what the closing note reports). */
function maxRelative(actual: ArrayLike<number>, expected: readonly number[]): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
  }
  return worst;
}

/** log(size) per cbpp row: an exposure offset. */
function logSizes(): number[] {
  const size = cbpp.columns.size;
  if (size?.kind !== "numeric") throw new Error("cbpp size");
  return Array.from(size.values, Math.log);
}

const binomial = () =>
  GeneralizedLinearMixedModel.fromFormula("incidence / size ~ 1 + period + (1 | herd)", cbpp, {
    family: "binomial",
    weights: "size",
  }).fit({ optimizer: bobyqa() });

/**
 * The model with glmer's own β, θ and conditional modes b = θ·u (cbpp_predict_glmer.R), so that
 * predict itself is compared with lme4's predict: the design on new rows, the offset and the
 * inverse link. Our optimum differs from glmer's by its (looser) PIRLS tolerance.
 */
function atGlmerEstimates(
  model: GeneralizedLinearMixedModel,
  fit: { theta: number; beta: number[]; u: number[] },
): FittedMixedModel {
  return {
    parts: model.parts,
    fixef: () => Float64Array.from(fit.beta),
    ranef: () => [{ values: Float64Array.from(fit.u, (u) => fit.theta * u) }],
    theta: Float64Array.of(fit.theta),
    sigma: 1,
    inverseLink: (eta) => model.response.link.inverse(eta),
    offsetOption: model.offsetOption,
  };
}

describe("predict for a binomial GLMM: cbpp (lme4 1.1-31's predictions)", () => {
  const model = binomial();
  const exact = atGlmerEstimates(model, glmer.binomial);
  const newdata = reference.newdata;

  it("the fixture is lme4's predict at the estimates recorded beside it", () => {
    expect(glmer.binomial.response).toEqual(reference.predictions.response);
    expect(glmer.binomial.link).toEqual(reference.predictions.link);
  });

  it("response and link scale, an unseen herd from the population: within 1e-6 of lme4", () => {
    const options = { newLevels: "population" } as const;
    expectRelative(predict(exact, newdata, options), reference.predictions.response, 1e-6);
    expectRelative(
      predict(exact, newdata, { ...options, type: "link" }),
      reference.predictions.link,
      1e-6,
    );
    // The linear predictor of an unseen herd is the intercept of period 1 (β₁).
    expect(predict(exact, newdata, { ...options, type: "link" })[3]).toBe(glmer.binomial.beta[0]);
  });

  it("fixed effects only (re.form = NA), response and link: within 1e-6 of lme4", () => {
    expectRelative(
      predict(exact, newdata, { terms: "none" }),
      reference.predictions.fixed_only_response,
      1e-6,
    );
    const periodsOnly = newdata.map((row) => ({ period: row.period }));
    expectRelative(
      predict(exact, periodsOnly, { terms: "none", type: "link" }),
      glmer.binomial.fixed_only_link,
      1e-6,
    );
  });

  it("at our own (lower) optimum: within 2e-3 of lme4, whose PIRLS stops at tolPwrss 1e-7", () => {
    // glmer's default fit stops short (−2 log L 184.05313 against our 184.05256; see models'
    // cbpp_binomial_tight fixture), so β differs by up to 1e-2 standard errors: a few 1e-4
    // relative in μ. The exact comparison is the one above, at glmer's own estimates.
    expect(-2 * model.loglikelihood).toBeLessThanOrEqual(glmer.binomial.deviance + 1e-9);
    const values = predict(model, newdata, { newLevels: "population" });
    expect(maxRelative(values, reference.predictions.response)).toBeLessThan(2e-3);
    const link = predict(model, newdata, { newLevels: "population", type: "link" });
    expect(maxRelative(link, reference.predictions.link)).toBeLessThan(2e-3);
  });

  it("on the model's own data with all terms: fitted() (response) and the linear predictor (link)", () => {
    const response = predict(model, cbpp);
    const fitted = model.fitted();
    const link = predict(model, cbpp, { type: "link" });
    const eta = model.linearPredictor();
    for (let t = 0; t < fitted.length; t++) {
      expect(Math.abs(response[t] - fitted[t])).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(link[t] - eta[t])).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(eta[t])));
    }
  });

  it("an unseen herd: an error naming it by default, NaN with 'missing'", () => {
    expect(() => predict(model, newdata)).toThrow(DataError);
    expect(() => predict(model, newdata)).toThrow(/'herd'.*'99'/);
    const values = predict(exact, newdata, { newLevels: "missing" });
    expectRelative(values.subarray(0, 3), reference.predictions.response.slice(0, 3), 1e-6);
    expect(Number.isNaN(values[3])).toBe(true);
  });

  it("an unseen period is a DataError naming column and level; a bad type a ModelError", () => {
    expect(() => predict(model, [{ period: "5", herd: "1" }])).toThrow(/level '5' of 'period'/);
    expect(() => predict(model, newdata, { type: "mean" as unknown as "link" })).toThrow(
      ModelError,
    );
  });
});

describe("predict for a Poisson GLMM with an offset (lme4 1.1-31)", () => {
  const poisson = glmer.poisson_offset;
  const newdata = poisson.newdata;

  it("offset(log(size)) in the formula is evaluated on newdata: within 1e-6 of lme4", () => {
    const model = GeneralizedLinearMixedModel.fromFormula(poisson.formula, cbpp, {
      family: "poisson",
    }).fit({ optimizer: bobyqa() });
    const exact = atGlmerEstimates(model, poisson);
    const options = { newLevels: "population" } as const;
    expectRelative(predict(exact, newdata, options), poisson.response, 1e-6);
    expectRelative(predict(exact, newdata, { ...options, type: "link" }), poisson.link, 1e-6);
    expectRelative(predict(exact, newdata, { terms: "none" }), poisson.fixed_only_response, 1e-6);
    expect(-2 * model.loglikelihood).toBeLessThanOrEqual(poisson.deviance + 1e-9);
    expect(maxRelative(predict(model, newdata, options), poisson.response)).toBeLessThan(2e-3);
  });

  it("the model's offset option (a column) is read from newdata, as the formula's term is", () => {
    const logSize = logSizes();
    const withColumn = { ...cbpp, names: [...cbpp.names, "logsize"] };
    const data = {
      ...withColumn,
      columns: {
        ...cbpp.columns,
        logsize: { kind: "numeric" as const, values: Float64Array.from(logSize) },
      },
    };
    const model = GeneralizedLinearMixedModel.fromFormula(
      "incidence ~ 1 + period + (1 | herd)",
      data,
      {
        family: "poisson",
        offset: "logsize",
      },
    ).fit({ optimizer: bobyqa() });
    const exact = atGlmerEstimates(model, poisson);
    const rows = newdata.map((row) => ({ ...row, logsize: Math.log(row.size) }));
    const options = { newLevels: "population" } as const;
    expectRelative(predict(exact, rows, options), poisson.response, 1e-6);
    // Given explicitly, as values or as another column, the same.
    const values = rows.map((row) => row.logsize);
    expect(Array.from(predict(exact, newdata, { ...options, offset: values }))).toEqual(
      Array.from(predict(exact, rows, options)),
    );
    // A missing offset value leaves that row NaN, in place.
    const gap = predict(
      exact,
      rows.map((row, i) => (i === 1 ? { ...row, logsize: null } : row)),
      options,
    );
    expect(Number.isNaN(gap[1]) && Number.isFinite(gap[0])).toBe(true);
    expect(() => predict(exact, newdata, options)).toThrow(/no offset column 'logsize'/);
    expect(() => predict(exact, rows, { ...options, offset: [1, 2] })).toThrow(DataError);
  });

  it("an offset given as values needs predict's offset option for new rows", () => {
    const logSize = logSizes();
    const model = GeneralizedLinearMixedModel.fromFormula(
      "incidence ~ 1 + period + (1 | herd)",
      cbpp,
      {
        family: "poisson",
        offset: logSize,
      },
    ).fit({ optimizer: bobyqa() });
    expect(() => predict(model, newdata, { newLevels: "population" })).toThrow(ModelError);
    const own = predict(model, cbpp, { offset: logSize });
    const fitted = model.fitted();
    for (let t = 0; t < fitted.length; t++) {
      expect(Math.abs(own[t] - fitted[t])).toBeLessThanOrEqual(1e-12 * fitted[t]);
    }
  });
});
