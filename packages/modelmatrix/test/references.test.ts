/**
 * Every lme4 reference fit: X has lme4's columns (names and order), each grouping factor has
 * lme4's number of levels (and level order, where the reference lists conditional modes), the
 * terms are in lme4's order and θ has as many entries as lme4's.
 */
import type { ParsedFormula } from "@mixedmodels/formula";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";
import { bar, model, term } from "./formula-helper";
import { loadDataset, loadReference } from "./load-fixture";

const days = [term("Days")];
const cases: Record<string, ParsedFormula> = {
  cake_reml: model({
    response: "angle",
    fixed: [term("recipe"), term("temperature"), term("recipe", "temperature")],
    random: [bar({}, "recipe", "replicate")],
  }),
  dyestuff_ml: model({ response: "Yield", random: [bar({}, "Batch")] }),
  dyestuff_reml: model({ response: "Yield", random: [bar({}, "Batch")] }),
  dyestuff2_ml: model({ response: "Yield", random: [bar({}, "Batch")] }),
  insteval_seed_ml: model({
    response: "y",
    fixed: [term("dept"), term("service"), term("dept", "service")],
    random: [bar({}, "s"), bar({}, "d")],
  }),
  insteval_three_ml: model({
    response: "y",
    fixed: [term("service")],
    random: [bar({}, "s"), bar({}, "d"), bar({}, "dept")],
  }),
  pastes_inter_ml: model({ response: "strength", random: [bar({}, "batch", "cask")] }),
  pastes_nested_ml: model({
    response: "strength",
    random: [bar({}, "batch"), bar({}, "cask", "batch")],
  }),
  penicillin_ml: model({ response: "diameter", random: [bar({}, "plate"), bar({}, "sample")] }),
  penicillin_reml: model({ response: "diameter", random: [bar({}, "plate"), bar({}, "sample")] }),
  sleepstudy_int_ml: model({ response: "Reaction", fixed: days, random: [bar({}, "Subject")] }),
  sleepstudy_ml: model({
    response: "Reaction",
    fixed: days,
    random: [bar({ terms: days }, "Subject")],
  }),
  sleepstudy_reml: model({
    response: "Reaction",
    fixed: days,
    random: [bar({ terms: days }, "Subject")],
  }),
  sleepstudy_split_ml: model({
    response: "Reaction",
    fixed: days,
    random: [bar({}, "Subject"), bar({ intercept: false, terms: days }, "Subject")],
  }),
  sleepstudy_zc_ml: model({
    response: "Reaction",
    fixed: days,
    random: [
      bar({ correlated: false }, "Subject"),
      bar({ intercept: false, terms: days, correlated: false }, "Subject"),
    ],
  }),
};

describe("lme4 reference cases", () => {
  for (const [id, formula] of Object.entries(cases)) {
    it(`${id}: X columns, grouping levels and θ length match lme4`, () => {
      const reference = loadReference(id);
      const parts = buildModelParts(formula, loadDataset(reference.dataset));
      expect(parts.n).toBe(reference.nobs);
      expect(parts.X.names).toEqual(reference.fixef.names);
      expect(parts.X.aliased).toEqual([]);
      expect(parts.reterms.map((re) => re.group)).toEqual(Object.keys(reference.ngroups));
      for (const re of parts.reterms) expect(re.levels.length).toBe(reference.ngroups[re.group]);
      for (const ranef of reference.ranef ?? []) {
        const re = parts.reterms.find((candidate) => candidate.group === ranef.group);
        expect(re?.levels).toEqual(ranef.levels);
      }
      const thetaLength = parts.reterms.reduce((total, re) => total + re.thetaRows.length, 0);
      expect(thetaLength).toBe(reference.theta_names.length);
    });
  }

  it("cake has 18 fixed-effects columns with treatment-coded temperature", () => {
    const parts = buildModelParts(cases.cake_reml, loadDataset("cake"));
    expect(parts.X.p).toBe(18);
    expect(parts.X.names.slice(8, 10)).toEqual([
      "recipeB:temperature185",
      "recipeC:temperature185",
    ]);
  });

  it("InstEval's seed formula has 28 columns, dept levels in the schema's order", () => {
    const parts = buildModelParts(cases.insteval_seed_ml, loadDataset("insteval"));
    expect(parts.X.p).toBe(28);
    expect(parts.X.names.slice(1, 4)).toEqual(["dept5", "dept10", "dept12"]);
    expect(parts.X.mixedModelsNames?.[27]).toBe("dept: 2 & service: 1");
  });
});
