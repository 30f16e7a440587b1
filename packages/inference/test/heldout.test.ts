import { type DatasetName, loadDataset } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { expectFTable, expectRanovaTable, expectTTable } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { anova, coeftable, confint, ranova } from "../src/index";
import type { FTable, InferenceCase } from "./fixture-cases";
import arabidopsisMl from "./fixtures/heldout/arabidopsis_ml.json";
import arabidopsisReml from "./fixtures/heldout/arabidopsis_reml.json";
import uncorrelated from "./fixtures/heldout/sleepstudy_uncorrelated_reml.json";

// Held-out checks on models the six fixtures do not cover, made with make-fixtures.R beside the
// lmertest fixtures: an unbalanced crossed design with a factor interaction and a covariate
// (type III hypotheses differ from the sequential ones there), its ML fit, and an amalgamated
// (uncorrelated) random-effects term.
type HeldOut = InferenceCase & {
  anova1_satterthwaite: FTable | null;
  ranova: {
    terms: string[];
    npar: number[];
    loglik: number[];
    lrt: number[];
    df: number[];
    p: number[];
  };
};
const heldOut = [arabidopsisReml, arabidopsisMl, uncorrelated] as unknown as HeldOut[];

describe.each(heldOut)("held out: $id", (c) => {
  const model = LinearMixedModel.fromFormula(c.formula, loadDataset(c.dataset as DatasetName), {
    reml: c.reml,
  }).fit({ optimizer: bobyqa() });

  it("Satterthwaite t table", () => {
    expectTTable(coeftable(model), c.satterthwaite, 2e-3);
  });
  it.runIf(c.kenward_roger !== null)("Kenward–Roger t table", () => {
    expectTTable(coeftable(model, { ddf: "kenward-roger" }), c.kenward_roger!, 2e-3);
  });
  it.runIf(c.anova3_satterthwaite !== null)("type III and type I anova, Satterthwaite", () => {
    expectFTable(anova(model, { type: 3 }), c.anova3_satterthwaite!);
    expectFTable(anova(model, { type: 1 }), c.anova1_satterthwaite!);
  });
  it.runIf(c.anova3_kenward_roger !== null)("type III anova, Kenward–Roger", () => {
    expectFTable(anova(model, { type: 3, ddf: "kenward-roger" }), c.anova3_kenward_roger!);
  });
  it("ranova", () => {
    expectRanovaTable(ranova(model), c.ranova);
  });
  it("profile intervals (arabidopsis: the sd of gen reaches its bound 0)", () => {
    const ours = confint(model, { method: "profile" });
    const reference = c.confint_profile;
    expect(ours.names).toEqual(reference.names);
    ours.names.forEach((name, i) => {
      const width = reference.upper[i] - reference.lower[i];
      const message = `${name}: [${ours.lower[i]}, ${ours.upper[i]}] vs [${reference.lower[i]}, ${reference.upper[i]}]`;
      expect(Math.abs(ours.lower[i] - reference.lower[i]), message).toBeLessThan(1e-3 * width);
      expect(Math.abs(ours.upper[i] - reference.upper[i]), message).toBeLessThan(1e-3 * width);
    });
  });
});
