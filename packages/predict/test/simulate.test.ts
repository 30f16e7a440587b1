import { ModelError } from "@mixedmodels/core";
import { sleepstudy } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { streamAt } from "@mixedmodels/random";
import { describe, expect, it } from "vitest";
import { GaussianSimulator, modelSimulationDesign, predict, refit, simulate } from "../src/index";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";
const fitSleep = () =>
  LinearMixedModel.fromFormula(formula, sleepstudy).fit({ optimizer: bobyqa() });

describe("simulate", () => {
  const model = fitSleep();

  it("replicate i is a function of stream i alone", () => {
    const [, , third] = simulate(model, { seed: 11, nsim: 3 });
    const simulator = new GaussianSimulator(modelSimulationDesign(model.parts), {
      beta: model.fixef(),
      sigma: model.sigma,
      theta: model.theta,
    });
    const alone = simulator.simulateInto(streamAt(11, 2), new Float64Array(model.nobs));
    expect(Array.from(third)).toEqual(Array.from(alone));
    expect(Array.from(simulate(model, { seed: 11, nsim: 1 })[0])).not.toEqual(Array.from(third));
  });

  it("with σ = 0 the response is Xβ exactly; with θ = 0 the residuals have variance σ²", () => {
    const [exact] = simulate(model, { seed: 1, sigma: 0 });
    const fixedOnly = predict(model, sleepstudy, { terms: "none" });
    expect(Array.from(exact)).toEqual(Array.from(fixedOnly));
    const [noisy] = simulate(model, { seed: 2, theta: [0, 0, 0], sigma: 10, nsim: 1 });
    let squares = 0;
    for (let t = 0; t < noisy.length; t++) squares += (noisy[t] - fixedOnly[t]) ** 2;
    // χ²₁₈₀ / 180 lies within ±0.35 with probability > 0.999.
    expect(Math.abs(squares / noisy.length / 100 - 1)).toBeLessThan(0.35);
  });

  it("new data: rows of one new level share its random effect; a missing predictor gives NaN", () => {
    const rows = [
      { Days: 3, Subject: "newA" },
      { Days: 3, Subject: "newA" },
      { Days: 3, Subject: "newB" },
      { Days: null, Subject: "308" },
    ];
    // Large random effects, tiny residual: the same level gives nearly the same value.
    const [y] = simulate(model, { seed: 5, newdata: rows, sigma: 0.01, theta: [1000, 0, 0] });
    expect(y).toHaveLength(4);
    expect(Math.abs(y[0] - y[1])).toBeLessThan(0.2);
    expect(Math.abs(y[0] - y[2])).toBeGreaterThan(0.2);
    expect(Number.isNaN(y[3])).toBe(true);
  });

  it("rejects parameters of the wrong shape", () => {
    expect(() => simulate(model, { seed: 1, beta: [1] })).toThrow(ModelError);
    expect(() => simulate(model, { seed: 1, theta: [1, 0] })).toThrow(ModelError);
    expect(() => simulate(model, { seed: 1, sigma: -1 })).toThrow(ModelError);
    expect(() => simulate(model, { seed: 1, nsim: 1.5 })).toThrow(ModelError);
    expect(() => simulate(model, { seed: 0.5 })).toThrow(RangeError);
  });
});

describe("simulate → refit", () => {
  it("refit(model, y) equals a model built and fitted on that response", () => {
    const model = fitSleep();
    const [y] = simulate(model, { seed: 3 });
    const data = {
      ...sleepstudy,
      columns: { ...sleepstudy.columns, Reaction: { kind: "numeric" as const, values: y } },
    };
    const fresh = LinearMixedModel.fromFormula(formula, data).fit({ optimizer: bobyqa() });
    refit(model, y);
    expect(model.objective).toBeCloseTo(fresh.objective, 8);
    fresh.theta.forEach((value, i) => {
      expect(model.theta[i]).toBeCloseTo(value, 5);
    });
    fresh.fixef().forEach((value, i) => {
      expect(model.fixef()[i]).toBeCloseTo(value, 6);
    });
  });

  it("recovers the parameters on average (200 replicates at seed 2026)", () => {
    const model = fitSleep();
    const beta = model.fixef();
    const sigma = model.sigma;
    const sds = model.varCorr().groups[0].sd;
    const replicates = simulate(model, { seed: 2026, nsim: 200 });
    const work = fitSleep();
    const betas: number[][] = [];
    const sigmas: number[] = [];
    const interceptSds: number[] = [];
    for (const y of replicates) {
      refit(work, y);
      betas.push(Array.from(work.fixef()));
      sigmas.push(work.sigma);
      interceptSds.push(work.varCorr().groups[0].sd[0]);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    const sd = (values: number[]) => {
      const m = mean(values);
      return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
    };
    // β̂ is unbiased: its mean lies within 4 Monte Carlo standard errors of β.
    for (let j = 0; j < beta.length; j++) {
      const column = betas.map((row) => row[j]);
      expect(Math.abs(mean(column) - beta[j])).toBeLessThan((4 * sd(column)) / Math.sqrt(200));
    }
    // ML shrinks σ̂ by about p/(2n) ≈ 0.6% and the 18-subject sd by a few percent: 2% and 10%.
    expect(Math.abs(mean(sigmas) / sigma - 1)).toBeLessThan(0.02);
    expect(Math.abs(mean(interceptSds) / sds[0] - 1)).toBeLessThan(0.1);
  });
});
