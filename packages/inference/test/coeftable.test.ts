import { ModelError } from "@mixedmodels/core";
import { expectTTable } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { coeftable } from "../src/index";
import { cases, fitCase } from "./fixture-cases";

// The README's tolerances for inference/: df 1e-3 relative, t 1e-4, p 1e-3 (or 1e-10 absolute).
describe.each(cases)("$id against lmerTest 3.1-3 / pbkrtest 0.5.2", (c) => {
  it("Satterthwaite: SE, df, t, p", () => {
    expectTTable(coeftable(fitCase(c), { ddf: "satterthwaite" }), c.satterthwaite, 2e-3);
  });

  it.runIf(c.kenward_roger === null)(
    "Kenward–Roger on an ML fit is a ModelError (lmerTest refuses it too)",
    () => {
      expect(() => coeftable(fitCase(c), { ddf: "kenward-roger" })).toThrow(ModelError);
      expect(() => coeftable(fitCase(c), { ddf: "kenward-roger" })).toThrow(/REML/);
    },
  );

  it.runIf(c.kenward_roger !== null)("Kenward–Roger: adjusted SE, df, t, p", () => {
    expectTTable(coeftable(fitCase(c), { ddf: "kenward-roger" }), c.kenward_roger!, 2e-3);
  });
});

describe("coeftable options", () => {
  const model = fitCase(cases[2]);
  it('"none" is the model\'s Wald z table, df null', () => {
    const table = coeftable(model, { ddf: "none" });
    expect(table.ddf).toBe("none");
    const z = model.coeftable();
    expect(table.rows.map((r) => r.statistic)).toEqual(z.map((r) => r.z));
    expect(table.rows.map((r) => r.p)).toEqual(z.map((r) => r.p));
    expect(table.rows.every((r) => r.df === null)).toBe(true);
  });
  it("the default is Satterthwaite; an unknown method is a ModelError naming it", () => {
    expect(coeftable(model).ddf).toBe("satterthwaite");
    // @ts-expect-error an invalid method from untyped callers
    expect(() => coeftable(model, { ddf: "kr" })).toThrow(/"kr"/);
  });
  it("serialises to plain JSON", () => {
    const table = coeftable(model, { ddf: "kenward-roger" });
    expect(JSON.parse(JSON.stringify(table))).toEqual(table);
  });
});
