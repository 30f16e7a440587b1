/**
 * Every lme4 reference fit: X has lme4's columns (names and order), each grouping factor has
 * lme4's number of levels (and level order, where the reference lists conditional modes), the
 * terms are in lme4's order and θ has as many entries as lme4's.
 */
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";
import { loadDataset, loadReference } from "./load-fixture";

const ids = [
  "cake_reml",
  "dyestuff_ml",
  "dyestuff_reml",
  "dyestuff2_ml",
  "insteval_seed_ml",
  "insteval_three_ml",
  "pastes_inter_ml",
  "pastes_nested_ml",
  "penicillin_ml",
  "penicillin_reml",
  "sleepstudy_int_ml",
  "sleepstudy_ml",
  "sleepstudy_reml",
  "sleepstudy_split_ml",
  "sleepstudy_zc_ml",
];

describe("lme4 reference cases", () => {
  for (const id of ids) {
    it(`${id}: X columns, grouping levels and θ length match lme4`, () => {
      const reference = loadReference(id);
      const parts = buildModelParts(reference.formula, loadDataset(reference.dataset));
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
    const parts = buildModelParts(loadReference("cake_reml").formula, loadDataset("cake"));
    expect(parts.X.p).toBe(18);
    expect(parts.X.names.slice(8, 10)).toEqual([
      "recipeB:temperature185",
      "recipeC:temperature185",
    ]);
  });

  it("InstEval's seed formula has 28 columns, dept levels in the schema's order", () => {
    const parts = buildModelParts("y ~ 1 + dept*service + (1|s) + (1|d)", loadDataset("insteval"));
    expect(parts.X.p).toBe(28);
    expect(parts.X.names.slice(1, 4)).toEqual(["dept5", "dept10", "dept12"]);
    expect(parts.X.mixedModelsNames?.[27]).toBe("dept: 2 & service: 1");
  });
});
