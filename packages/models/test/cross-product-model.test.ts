import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { linearMixedModelFromCrossProducts } from "../src/cross-product-model";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { thetaInModelOrder } from "./helpers/compare";
import { rowless, sumsOf } from "./helpers/cross-product-sums";
import { loadReference, referenceSpecs, smallReferenceIds } from "./helpers/reference-cases";

describe.each(smallReferenceIds)("model from cross-products, %s", (id) => {
  const reference = loadReference(id);
  const memory = LinearMixedModel.fromFormula(reference.formula, referenceSpecs[id].table(), {
    reml: reference.reml,
  });
  const fromSums = linearMixedModelFromCrossProducts(rowless(memory.parts), sumsOf(memory.parts), {
    reml: reference.reml,
  });

  it("gives the in-memory objective at lme4's θ values (1e-10 relative) and lme4's", () => {
    for (const point of reference.objective_at) {
      const theta = thetaInModelOrder(memory, reference, point.theta);
      const expected = memory.objectiveAt(theta);
      expect(Math.abs(fromSums.objectiveAt(theta) - expected)).toBeLessThan(
        1e-10 * Math.abs(expected),
      );
      expect(Math.abs(fromSums.objectiveAt(theta) - point.objective)).toBeLessThan(
        1e-7 * Math.abs(point.objective),
      );
    }
  });

  it("fits to the in-memory optimum; row-level accessors throw ModelError", () => {
    memory.fit({ optimizer: bobyqa() });
    fromSums.fit({ optimizer: bobyqa() });
    expect(Math.abs(fromSums.objective - memory.objective)).toBeLessThan(
      1e-8 * Math.abs(memory.objective),
    );
    const beta = memory.fixef();
    for (const [i, value] of fromSums.fixef().entries()) expect(value).toBeCloseTo(beta[i], 4);
    expect(fromSums.sigma).toBeCloseTo(memory.sigma, 4);
    expect(() => fromSums.fitted()).toThrow(/need the rows/);
    expect(() => fromSums.leverage()).toThrow(/need the rows/);
  });
});

describe("model from cross-products on badly scaled columns", () => {
  // Reaction shifted far from 0 (centred: |mean| > 32 spreads) and Days in microdays (scaled by a
  // power of two in X and in Z): the conditioning is decided from the sums and applied to A.
  const table = referenceSpecs.sleepstudy_ml.table();
  const reaction = table.columns.Reaction;
  const days = table.columns.Days;
  if (reaction.kind !== "numeric" || days.kind !== "numeric") throw new Error("sleepstudy columns");
  const data = {
    y: Array.from(reaction.values, (v) => v + 1e4),
    t: Array.from(days.values, (v) => v * 1e6),
    Subject: table.columns.Subject,
  };
  const memory = LinearMixedModel.fromFormula("y ~ 1 + t + (1 + t | Subject)", data);
  const fromSums = linearMixedModelFromCrossProducts(rowless(memory.parts), sumsOf(memory.parts));

  it("gives the in-memory objective at fixed θ to 1e-10 relative", () => {
    for (const theta of [
      [0.9, 0.2e-6, 0.2e-6],
      [1.5, -0.1e-6, 0.05e-6],
    ]) {
      const expected = memory.objectiveAt(theta);
      expect(Math.abs(fromSums.objectiveAt(theta) - expected)).toBeLessThan(
        1e-10 * Math.abs(expected),
      );
    }
    const reference = loadReference("sleepstudy_ml");
    memory.fit({ optimizer: bobyqa() });
    fromSums.fit({ optimizer: bobyqa() });
    // Shifting y and rescaling Days leave the deviance unchanged.
    expect(Math.abs(fromSums.objective - reference.objective)).toBeLessThan(
      1e-6 * reference.objective,
    );
  });
});
