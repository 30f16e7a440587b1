/** The `@mixedmodels/datasets` tables work as input and agree with the CSV fixtures. */
import { cake, pastes, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";
import { loadDataset } from "./load-fixture";

describe("tables from @mixedmodels/datasets", () => {
  const cases = [
    {
      name: "sleepstudy",
      table: sleepstudy,
      formula: "Reaction ~ 1 + Days + (1 + Days | Subject)",
    },
    { name: "pastes", table: pastes, formula: "strength ~ 1 + (1 | batch / cask)" },
    { name: "cake", table: cake, formula: "angle ~ recipe * temperature + (1 | recipe:replicate)" },
  ];
  for (const { name, table, formula } of cases) {
    it(`${name}: same y, X and terms as from the CSV fixture`, () => {
      const fromPackage = buildModelParts(formula, table);
      const fromCsv = buildModelParts(formula, loadDataset(name));
      expect(Array.from(fromPackage.y)).toEqual(Array.from(fromCsv.y));
      expect(fromPackage.X.names).toEqual(fromCsv.X.names);
      expect(Array.from(fromPackage.X.data)).toEqual(Array.from(fromCsv.X.data));
      expect(fromPackage.reterms.map((re) => re.levels)).toEqual(
        fromCsv.reterms.map((re) => re.levels),
      );
    });
  }
});
