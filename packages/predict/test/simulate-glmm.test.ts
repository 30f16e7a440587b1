import { DataError, ModelError } from "@mixedmodels/core";
import { cbpp } from "@mixedmodels/datasets";
import { GeneralizedLinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { streamAt } from "@mixedmodels/random";
import { describe, expect, it } from "vitest";
import { generalizedSimulator, predict, refit, simulate } from "../src/index";

const cbppBinomial = () =>
  GeneralizedLinearMixedModel.fromFormula("incidence / size ~ 1 + period + (1 | herd)", cbpp, {
    family: "binomial",
    weights: "size",
  }).fit({ optimizer: bobyqa() });

/** A generated Poisson design: 30 groups × 8 rows, a covariate x in [−1, 1]. */
function poissonData(groups = 30, perGroup = 8) {
  const x: number[] = [];
  const g: string[] = [];
  const y: number[] = [];
  for (let j = 0; j < groups; j++) {
    for (let k = 0; k < perGroup; k++) {
      x.push(-1 + (2 * k) / (perGroup - 1));
      g.push(`g${j}`);
      y.push((j + k) % 4);
    }
  }
  return { y, x, g };
}

const mean = (values: ArrayLike<number>) => {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
};

describe("simulate for generalized models", () => {
  const model = cbppBinomial();

  it("replicate i is a function of stream i alone; the same seed gives the same bits", () => {
    const [, second] = simulate(model, { seed: 3, nsim: 2 });
    const alone = generalizedSimulator(model, {}).simulateInto(
      streamAt(3, 1),
      new Float64Array(56),
    );
    expect(Array.from(second)).toEqual(Array.from(alone));
    expect(Array.from(simulate(model, { seed: 3, nsim: 2 })[1])).toEqual(Array.from(second));
  });

  it("binomial: proportions of the model's trials (size), in [0, 1], with θ = 0 centred on μ", () => {
    const size = cbpp.columns.size;
    if (size?.kind !== "numeric") throw new Error("cbpp size");
    const nsim = 400;
    const draws = simulate(model, { seed: 7, nsim, theta: [0] });
    const mu = predict(model, cbpp, { terms: "none" });
    let offGrid = 0;
    for (const y of draws) {
      for (let t = 0; t < y.length; t++) {
        const successes = y[t] * size.values[t];
        if (Math.abs(successes - Math.round(successes)) > 1e-9 || !(y[t] >= 0 && y[t] <= 1)) {
          offGrid++;
        }
      }
    }
    expect(offGrid).toBe(0);
    // Total successes per row over nsim replicates: mean nμ, variance nμ(1−μ)/nsim per replicate.
    let worst = 0;
    for (let t = 0; t < mu.length; t++) {
      const n = size.values[t];
      const average = mean(draws.map((y) => y[t] * n));
      const se = Math.sqrt((n * mu[t] * (1 - mu[t])) / nsim);
      worst = Math.max(worst, Math.abs(average - n * mu[t]) / se);
    }
    // 56 rows: the largest of 56 |z| exceeds 4 with probability < 0.004.
    expect(worst).toBeLessThan(4);
  });

  it("Poisson, log link: the mean over replicates is exp(η + σ²/2) (the lognormal mean)", () => {
    const data = poissonData(12, 5);
    const poisson = GeneralizedLinearMixedModel.fromFormula("y ~ 1 + x + (1 | g)", data, {
      family: "poisson",
    });
    const beta = [0.4, 0.5];
    const sd = 0.6;
    const nsim = 2000;
    const draws = simulate(poisson, { seed: 21, nsim, beta, theta: [sd] });
    let worst = 0;
    for (const t of [0, 2, 4]) {
      const eta = beta[0] + beta[1] * data.x[t];
      const expected = Math.exp(eta + sd ** 2 / 2);
      // Var y = E μ + Var μ, μ lognormal: Var μ = (e^{σ²} − 1) e^{2η + σ²}.
      const variance = expected + (Math.exp(sd ** 2) - 1) * Math.exp(2 * eta + sd ** 2);
      const average = mean(draws.map((y) => y[t]));
      worst = Math.max(worst, Math.abs(average - expected) / Math.sqrt(variance / nsim));
    }
    expect(worst).toBeLessThan(4);
    expect(draws.every((y) => y.every((v) => Number.isInteger(v) && v >= 0))).toBe(true);
  });

  it("new data: unseen herds get their own effects; trials from a column; a missing row is NaN", () => {
    const rows = [
      { period: "1", herd: "new", n: 50 },
      { period: "1", herd: "new", n: 50 },
      { period: "2", herd: "3", n: 0 },
      { period: null, herd: "3", n: 10 },
    ];
    const [y] = simulate(model, { seed: 4, newdata: rows, trials: "n", theta: [8] });
    expect(y).toHaveLength(4);
    // θ = 8: a herd's probability is near 0 or 1, so its two rows agree closely.
    expect(Math.abs(y[0] - y[1])).toBeLessThan(0.2);
    expect(Number.isNaN(y[2]) && Number.isNaN(y[3])).toBe(true);
    expect(() => simulate(model, { seed: 4, newdata: rows })).toThrow(/needs the number of trials/);
    expect(() => simulate(model, { seed: 4, newdata: rows, trials: [1, 2.5, 1, 1] })).toThrow(
      DataError,
    );
    expect(() => simulate(model, { seed: 4, newdata: rows, trials: "m" })).toThrow(/'m'/);
  });

  it("rejects sigma, trials without newdata, and parameters of the wrong length", () => {
    expect(() => simulate(model, { seed: 1, sigma: 2 })).toThrow(ModelError);
    expect(() => simulate(model, { seed: 1, trials: "size" })).toThrow(ModelError);
    expect(() => simulate(model, { seed: 1, beta: [1, 2] })).toThrow(/beta has 2 elements/);
  });
});

describe("simulate → refit recovers the parameters of a generalized model (Monte Carlo)", () => {
  it("cbpp binomial: 100 refits, mean β within 4 MC SE, mean θ within 15% (ML's downward bias)", () => {
    const truth = cbppBinomial();
    const beta = truth.fixef();
    const theta = truth.theta[0];
    const work = cbppBinomial();
    const evaluator = work.evaluator;
    const nsim = 100;
    const betas: Float64Array[] = [];
    const thetas: number[] = [];
    for (const y of simulate(truth, { seed: 2026, nsim })) {
      refit(work, y);
      // The same working model throughout: refit reuses the structure, it does not rebuild it.
      expect(work.evaluator).toBe(evaluator);
      betas.push(work.fixef());
      thetas.push(work.theta[0]);
    }
    for (let c = 0; c < beta.length; c++) {
      const values = betas.map((b) => b[c]);
      const average = mean(values);
      const sd = Math.sqrt(mean(values.map((v) => (v - average) ** 2)));
      expect(Math.abs(average - beta[c]), `β ${c}`).toBeLessThan((4 * sd) / Math.sqrt(nsim));
    }
    expect(Math.abs(mean(thetas) / theta - 1)).toBeLessThan(0.15);
  });
});
