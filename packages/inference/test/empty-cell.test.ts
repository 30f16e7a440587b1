import { type DataColumn, type DataTable, ModelError } from "@mixedmodels/core";
import { cake } from "@mixedmodels/datasets";
import { LinearMixedModel } from "@mixedmodels/models";
import { bobyqa } from "@mixedmodels/optim";
import { expectClose, expectFTable } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { anova, coeftable } from "../src/index";
import type { FTable } from "./fixture-cases";
import lmerTest from "./fixtures/empty-cell/cake_empty_cell.json";

// A factor combination without rows: cake without recipe C at 225° (fixtures/empty-cell,
// make-empty-cell.R: lmerTest 3.1-3, pbkrtest 0.5.2). X of recipe * temperature is rank
// deficient (recipeC:temperature225 dropped, as lmer drops it); lmerTest still defines type III
// hypotheses from its complete design, and says that cells are missing.

function withoutCell(table: DataTable, recipe: string, temperature: string): DataTable {
  const r = table.columns.recipe;
  const t = table.columns.temperature;
  if (r.kind !== "categorical" || t.kind !== "categorical") throw new Error("factors expected");
  const keep: number[] = [];
  for (let i = 0; i < table.nrow; i++)
    if (!(r.levels[r.codes[i]] === recipe && t.levels[t.codes[i]] === temperature)) keep.push(i);
  const columns: Record<string, DataColumn> = {};
  for (const name of table.names) {
    const column = table.columns[name];
    columns[name] =
      column.kind === "numeric"
        ? { kind: "numeric", values: Float64Array.from(keep, (i) => column.values[i]) }
        : { ...column, codes: Int32Array.from(keep, (i) => column.codes[i]) };
  }
  return { nrow: keep.length, names: table.names, columns };
}

const data = withoutCell(cake, lmerTest.dropped.recipe, lmerTest.dropped.temperature);
const fitted = (formula: string) =>
  LinearMixedModel.fromFormula(formula, data, { reml: true }).fit({ optimizer: bobyqa() });

describe("cake without the recipe C × 225° cell, against lmerTest", () => {
  const model = fitted(lmerTest.formula);

  it("the same fit: 255 rows, recipeC:temperature225 aliased, lmer's REML criterion", () => {
    expect(model.nobs).toBe(lmerTest.nobs);
    expect(model.parts.X.aliased).toEqual([lmerTest.aliased]);
    expectClose(model.objective, lmerTest.objective, { rtol: 1e-8 });
  });

  it("the Satterthwaite t table of the kept coefficients; the aliased one is NaN", () => {
    const table = coeftable(model, { ddf: "satterthwaite" });
    const kept = table.rows.filter((row) => !row.aliased);
    const reference = lmerTest.satterthwaite;
    expect(kept.map((row) => row.name)).toEqual(reference.names);
    expectClose(
      kept.map((row) => row.df ?? Number.NaN),
      reference.df,
      { rtol: 1e-3 },
    );
    expectClose(
      kept.map((row) => row.statistic),
      reference.t,
      { rtol: 1e-4, atol: 1e-8 },
    );
    const aliased = table.rows.find((row) => row.aliased);
    expect(aliased?.name).toBe(lmerTest.aliased);
    expect(Number.isNaN(aliased?.statistic)).toBe(true);
  });

  it("type III with Satterthwaite and Kenward–Roger: lmerTest's F tests (9 numerator df for the interaction)", () => {
    const satterthwaite = anova(model, { type: 3 });
    expectFTable(satterthwaite, lmerTest.anova3_satterthwaite as FTable);
    expectFTable(
      anova(model, { type: 3, ddf: "kenward-roger" }),
      lmerTest.anova3_kenward_roger as FTable,
    );
    // lmerTest's message about the empty cell, as a warning of the table.
    expect(satterthwaite.warnings).toEqual([
      "Missing cells for: recipeC:temperature225. Interpret type III hypotheses with care.",
    ]);
    expect(lmerTest.messages.join(" ")).toContain("Missing cells for: recipeC:temperature225.");
  });

  it("type I: lmerTest's sequential F tests, no warning", () => {
    const table = anova(model, { type: 1 });
    expectFTable(table, lmerTest.anova1_satterthwaite as FTable);
    expect(table.warnings).toBeUndefined();
  });

  it("a full design has no warning", () => {
    const full = LinearMixedModel.fromFormula(lmerTest.formula, cake, { reml: true }).fit({
      optimizer: bobyqa(),
    });
    expect(anova(full).warnings).toBeUndefined();
  });

  it("type III of a rank-deficient X with a transformed term is a ModelError naming the term", () => {
    const transformed = fitted("angle ~ recipe * factor(temp) + (1 | recipe:replicate)");
    expect(transformed.parts.X.aliased.length).toBe(1);
    expect(() => anova(transformed, { type: 3 })).toThrow(ModelError);
    expect(() => anova(transformed, { type: 3 })).toThrow(/recipe:factor\(temp\)/);
    // Type I does not depend on a choice of hypotheses: it still works.
    expect(anova(transformed, { type: 1 }).rows.map((row) => row.numDf)).toEqual([2, 5, 9]);
  });
});
