import { pastes, penicillin, sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { linearMixedModelFromCrossProducts } from "../src/cross-product-model";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { rowless, sumsOf } from "./helpers/cross-product-sums";

// lme4 1.1-31's start, from R (R code: test/lme4-start.R):
//   environment(lmer(f, d, REML = FALSE, devFunOnly = TRUE))$pp$theta
const penicillinStart = [1.7449150221442946, 3.5940134817983642];

function startOf(model: LinearMixedModel): number[] {
  model.fit({ optimizer: bobyqa() });
  return Array.from(model.optsum?.initialTheta ?? []);
}

describe("lme4's start for scalar-intercept models, read from A", () => {
  // A holds yᵀy, not Σ(y − ȳ)², so var(y) loses digits to cancellation (here 4e-13 relative).
  it("starts penicillin's crossed model where lme4 does (1e-12 relative)", () => {
    const model = LinearMixedModel.fromFormula(
      "diameter ~ 1 + (1 | plate) + (1 | sample)",
      penicillin,
      { reml: false },
    );
    const start = startOf(model);
    expect(start).toHaveLength(2);
    for (const [i, value] of start.entries()) {
      expect(Math.abs(value - penicillinStart[i])).toBeLessThan(1e-12 * penicillinStart[i]);
    }
  });

  it("keeps θ = 1 where lme4 does: the between-group variances exceed var(y) (nested pastes)", () => {
    const model = LinearMixedModel.fromFormula(
      "strength ~ 1 + (1 | batch) + (1 | batch:cask)",
      pastes,
      { reml: false },
    );
    expect(startOf(model)).toEqual([1, 1]);
  });

  it("keeps θ = 1 for a vector-valued term and for a weighted model", () => {
    const slopes = LinearMixedModel.fromFormula(
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      sleepstudy,
    );
    expect(startOf(slopes)).toEqual([1, 0, 1]);
    const weights = Array.from({ length: penicillin.nrow }, (_, i) => 1 + (i % 3));
    const weighted = LinearMixedModel.fromFormula(
      "diameter ~ 1 + (1 | plate) + (1 | sample)",
      penicillin,
      { weights },
    );
    expect(startOf(weighted)).toEqual([1, 1]);
  });

  it("starts a model built from cross-products where the in-memory one starts", () => {
    const memory = LinearMixedModel.fromFormula(
      "diameter ~ 1 + (1 | plate) + (1 | sample)",
      penicillin,
    );
    const fromSums = linearMixedModelFromCrossProducts(rowless(memory.parts), sumsOf(memory.parts));
    const expected = startOf(memory);
    const start = startOf(fromSums);
    for (const [i, value] of start.entries()) {
      expect(Math.abs(value - expected[i])).toBeLessThan(1e-13 * expected[i]);
    }
  });
});
