import { insteval } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { expectWithin, thetaInModelOrder } from "./helpers/compare";
import { loadReference } from "./helpers/reference-cases";

// The large crossed case: s (2972 levels) and d (1128) crossed, so d's diagonal block of L fills
// in (1128×1128); with a minimum-degree ordering its factor holds about 44% of the dense
// triangle, so it is factored sparse. Seconds with fast kernels.
describe("InstEval (slower)", () => {
  it("factors d's filled-in block sparse, with the objective of the dense factorization", () => {
    const reference = loadReference("insteval_seed_ml");
    const sparse = LinearMixedModel.fromFormula(reference.formula, insteval);
    const dense = LinearMixedModel.fromFormula(reference.formula, insteval, {
      sparseFactor: "never",
    });
    const [s, d] = sparse.blockDescription().factorization;
    expect(s.storage).toBe("diagonal");
    expect(d.storage).toBe("sparse");
    expect(sparse.blockDescription().blocks[1]).toEqual(["Sparse", "SparseChol"]);
    expect(d.sparseFlops ?? Number.NaN).toBeLessThan(0.3 * d.denseFlops);
    expect(d.fillFraction ?? Number.NaN).toBeLessThan(0.5);
    expect(dense.blockDescription().factorization[1].storage).toBe("dense");
    for (const point of reference.objective_at) {
      const theta = thetaInModelOrder(sparse, reference, point.theta);
      expectWithin(sparse.objectiveAt(theta), dense.objectiveAt(theta), 1e-10, 0, "objective");
    }
  });

  it("y ~ 1 + dept*service + (1|s) + (1|d) reproduces lme4", () => {
    const reference = loadReference("insteval_seed_ml");
    const model = LinearMixedModel.fromFormula(reference.formula, insteval);
    expect(model.parts.reterms.map((term) => term.group)).toEqual(["s", "d"]);
    for (const point of reference.objective_at) {
      const theta = thetaInModelOrder(model, reference, point.theta);
      expectWithin(model.objectiveAt(theta), point.objective, 1e-10, 0, "objective at θ");
    }
    model.fit({ optimizer: bobyqa() });
    expect(model.objective).toBeLessThanOrEqual(237585.553415 * (1 + 1e-6));
    expectWithin(model.objective, 237585.553415, 1e-6, 0, "objective");
    const [s, d] = model.varCorr().groups;
    expectWithin(s.sd[0], 0.32468, 5e-3, 0, "σ_s");
    expectWithin(d.sd[0], 0.50835, 5e-3, 0, "σ_d");
    expectWithin(model.sigma, 1.17674, 2e-3, 0, "σ");
    expectWithin(model.fixef()[0], 3.22961, 0, 2e-3 * reference.fixef.stderror[0], "intercept");
    expect(model.coefnames()).toEqual(reference.fixef.names);
    // Every one of the 28 coefficients and its standard error, not the intercept alone.
    const beta = model.coef();
    const se = model.stderror();
    expect(beta.length).toBe(28);
    reference.fixef.names.forEach((name, i) => {
      const { beta: lme4Beta, stderror: lme4Se } = reference.fixef;
      expectWithin(beta[i], lme4Beta[i], 0, 2e-3 * lme4Se[i], `β ${name}`);
      expectWithin(se[i], lme4Se[i], 2e-3, 0, `SE ${name}`);
    });
  });
});

describe("InstEval, three crossed terms", () => {
  it("y ~ 1 + service + (1|s) + (1|d) + (1|dept) reproduces lme4", () => {
    const reference = loadReference("insteval_three_ml");
    const model = LinearMixedModel.fromFormula(reference.formula, insteval);
    model.fit({ optimizer: bobyqa() });
    expect(model.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-6));
    expectWithin(model.objective, reference.objective, 1e-6, 0, "objective");
    expectWithin(model.sigma, reference.sigma, 2e-3, 0, "σ");
    for (const expected of reference.varcorr) {
      const actual = model.varCorr().groups.find((group) => group.group === expected.group);
      expectWithin(
        actual?.sd[0] ?? Number.NaN,
        expected.sd[0],
        5e-3,
        2e-3 * reference.sigma,
        expected.group,
      );
    }
  });
});
