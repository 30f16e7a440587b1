import { cbpp } from "@mixedmodels/datasets";
import { gaussHermite } from "@mixedmodels/distributions";
import { family as resolveFamily } from "@mixedmodels/families";
import { bobyqa } from "@mixedmodels/optim";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GeneralizedLinearMixedModel } from "../src/generalized-linear-mixed-model";

// The property tests of the GLMM objective, on cbpp (15 herds, one scalar term).
const formula = "incidence / size ~ 1 + period + (1 | herd)";
const binomial = () =>
  GeneralizedLinearMixedModel.fromFormula(formula, cbpp, { family: "binomial", weights: "size" });

/** Install β and θ and run PIRLS to the conditional mode (β fixed). */
function atMode(model: GeneralizedLinearMixedModel, beta: number[], theta: number): void {
  model.evaluator.beta.set(beta);
  (model as unknown as { system: { setTheta(t: number[]): void } }).system.setTheta([theta]);
  model.evaluator.pirls(false);
}

const beta0 = [-1.4, -1.0, -1.1, -1.6];

describe("GLMM objective properties", () => {
  it("AGQ with one node (z = 0, w = 1) is the Laplace deviance", () => {
    const model = binomial();
    for (const theta of [0.2, 0.64, 1.5]) {
      atMode(model, beta0, theta);
      const scratch = new Float64Array(45);
      const agq = model.evaluator.adaptiveGaussHermite([0], [1], scratch);
      expect(Math.abs(agq - model.evaluator.laplace())).toBeLessThan(1e-10);
    }
  });

  it("AGQ with 25 nodes agrees with brute-force integration of the marginal likelihood", () => {
    const model = binomial();
    const { family, link } = resolveFamily("binomial");
    const term = model.parts.reterms[0];
    const y = model.response.y;
    const w = model.response.priorWeights as Float64Array;
    const { X } = model.parts;
    for (const theta of [0.3, 0.64, 1.2]) {
      atMode(model, beta0, theta);
      const agq = model.evaluator.adaptiveGaussHermite(
        ...rule25(),
        new Float64Array(3 * term.levels.length),
      );
      // −2 Σ_j log ∫ exp(−(u² + Σ_{i∈j} dᵢ(u))/2) du/√(2π), by Simpson's rule on [−12, 12].
      let total = 0;
      for (let level = 0; level < term.levels.length; level++) {
        const steps = 4000;
        const h = 24 / steps;
        let integral = 0;
        for (let s = 0; s <= steps; s++) {
          const u = -12 + s * h;
          let devc = u * u;
          for (let t = 0; t < y.length; t++) {
            if (term.refs[t] !== level) continue;
            let eta = theta * u;
            for (let c = 0; c < X.p; c++) eta += X.data[t + c * X.n] * beta0[c];
            devc += w[t] * family.unitDeviance(y[t], link.inverse(eta));
          }
          const coefficient = s === 0 || s === steps ? 1 : s % 2 === 1 ? 4 : 2;
          integral += (coefficient * h * Math.exp(-devc / 2)) / 3;
        }
        total += -2 * Math.log(integral / Math.sqrt(2 * Math.PI));
      }
      expect(Math.abs(agq - total)).toBeLessThan(1e-6);
      // ... where the Laplace approximation is visibly off, so the agreement says something.
      expect(Math.abs(model.evaluator.laplace() - total)).toBeGreaterThan(1e-5);
    }
  });

  it("the PIRLS mode minimizes the penalized deviance Σ dᵢ + ‖u‖² (maximizes the penalized log-likelihood)", () => {
    const model = binomial();
    atMode(model, beta0, 0.64);
    const mode = Float64Array.from(model.evaluator.u);
    const atModeValue = model.evaluator.install();
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), {
          minLength: mode.length,
          maxLength: mode.length,
        }),
        (delta) => {
          model.evaluator.u.set(mode.map((value, i) => value + delta[i]));
          const value = model.evaluator.install();
          model.evaluator.u.set(mode);
          return value >= atModeValue - 1e-9;
        },
      ),
      { seed: 11, numRuns: 60 },
    );
  });

  it("relabelling the levels of the grouping factor changes nothing", () => {
    const herd = cbpp.columns.herd;
    if (herd?.kind !== "categorical") throw new Error("cbpp herd");
    const relabelled = {
      ...cbpp,
      columns: {
        ...cbpp.columns,
        // New names, in the reverse order: the internal order of the levels changes too.
        herd: {
          ...herd,
          levels: [...herd.levels].reverse().map((level) => `h${100 - Number(level)}`),
          codes: herd.codes.map((code) => herd.levels.length - 1 - code),
        },
      },
    };
    const original = binomial().fit({ optimizer: bobyqa() });
    const renamed = GeneralizedLinearMixedModel.fromFormula(formula, relabelled, {
      family: "binomial",
      weights: "size",
    }).fit({ optimizer: bobyqa() });
    expect(Math.abs(renamed.objective - original.objective)).toBeLessThan(1e-7);
    expect(Math.abs(renamed.theta[0] - original.theta[0])).toBeLessThan(1e-4);
    const a = original.coef();
    renamed.coef().forEach((value, i) => {
      expect(Math.abs(value - a[i])).toBeLessThan(1e-4);
    });
  });

  it("a Bernoulli fit of 1 − y flips the sign of β and keeps θ and the objective", () => {
    const incidence = cbpp.columns.incidence;
    if (incidence?.kind !== "numeric") throw new Error("cbpp incidence");
    const any = Float64Array.from(incidence.values, (value) => (value > 0 ? 1 : 0));
    const data = (values: Float64Array) => ({
      ...cbpp,
      names: [...cbpp.names, "any"],
      columns: { ...cbpp.columns, any: { kind: "numeric" as const, values } },
    });
    const fitOf = (values: Float64Array) =>
      GeneralizedLinearMixedModel.fromFormula("any ~ 1 + period + (1 | herd)", data(values), {
        family: "bernoulli",
      }).fit({ optimizer: bobyqa() });
    const m = fitOf(any);
    const flipped = fitOf(any.map((value) => 1 - value));
    expect(Math.abs(flipped.objective - m.objective)).toBeLessThan(1e-6);
    expect(Math.abs(flipped.theta[0] - m.theta[0])).toBeLessThan(1e-3);
    const beta = m.coef();
    flipped.coef().forEach((value, i) => {
      expect(Math.abs(value + beta[i])).toBeLessThan(1e-3);
    });
  });
});

function rule25(): [Float64Array, Float64Array] {
  const rule = gaussHermite(25);
  return [rule.nodes, rule.weights];
}
