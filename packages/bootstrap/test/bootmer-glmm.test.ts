import { cbpp } from "@mixedmodels/datasets";
import { GeneralizedLinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { bootstrapColumns, parametricBootstrap } from "../src/index";
import lme4 from "./fixtures/cbpp_bootmer.json";

const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: Float64Array) => {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};

describe("parametric bootstrap of the cbpp binomial GLMM against lme4's bootMer (Laplace)", () => {
  it("200 replicates at seed 42: means and sds of β and the herd sd within 4 Monte Carlo SE", async () => {
    const model = GeneralizedLinearMixedModel.fromFormula(lme4.formula, cbpp, {
      family: "binomial",
      weights: "size",
    }).fit({ optimizer: bobyqa() });
    const boot = await parametricBootstrap(model, 200, { seed: 42, workers: 2 });
    const columns = bootstrapColumns(boot);
    const reference = lme4.distribution as Record<string, { mean: number; sd: number }>;
    for (const name of ["(Intercept)", "period2", "period3", "period4", "sd_(Intercept)|herd"]) {
      const ours = columns.get(name);
      if (ours === undefined) throw new Error(`no column ${name}`);
      const theirs = reference[name];
      const n = ours.length;
      const standardError = Math.sqrt(sd(ours) ** 2 / n + theirs.sd ** 2 / lme4.nsim);
      expect(Math.abs(mean(ours) - theirs.mean), `mean ${name}`).toBeLessThan(4 * standardError);
      // The sd of a sample sd is about sd/√(2n) for near-normal values; the herd sd, with its
      // mass near zero, is further from normal, which the factor 4 covers.
      const sdError = theirs.sd * Math.sqrt(1 / (2 * n) + 1 / (2 * lme4.nsim));
      expect(Math.abs(sd(ours) - theirs.sd), `sd ${name}`).toBeLessThan(4 * sdError);
    }
  }, 600_000);
});
