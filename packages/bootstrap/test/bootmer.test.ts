import { sleepstudy } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { bootstrapColumns, parametricBootstrap } from "../src/index";
import lme4 from "./fixtures/sleepstudy_bootmer.json";

const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: Float64Array) => {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};

describe("parametric bootstrap of sleepstudy against lme4's bootMer (2000 replicates)", () => {
  it("600 replicates at seed 42: means within 4 Monte Carlo standard errors, sds within 4 of theirs", async () => {
    const model = LinearMixedModel.fromFormula(lme4.formula, sleepstudy).fit({
      optimizer: bobyqa(),
    });
    const boot = await parametricBootstrap(model, 600, { seed: 42, workers: 2 });
    const columns = bootstrapColumns(boot);
    const reference = lme4.distribution as Record<string, { mean: number; sd: number }>;
    for (const name of [
      "(Intercept)",
      "Days",
      "sigma",
      "sd_(Intercept)|Subject",
      "sd_Days|Subject",
    ]) {
      const ours = columns.get(name);
      if (ours === undefined) throw new Error(`no column ${name}`);
      const theirs = reference[name];
      const n = ours.length;
      const standardError = Math.sqrt(sd(ours) ** 2 / n + theirs.sd ** 2 / lme4.nsim);
      expect(Math.abs(mean(ours) - theirs.mean)).toBeLessThan(4 * standardError);
      // The sd of a sample sd is about sd/√(2n) for near-normal values.
      const sdError = theirs.sd * Math.sqrt(1 / (2 * n) + 1 / (2 * lme4.nsim));
      expect(Math.abs(sd(ours) - theirs.sd)).toBeLessThan(4 * sdError);
    }
  });
});
