import { expectClose } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { anova } from "../src/index";
import { cases, type FTable, fitCase } from "./fixture-cases";

function expectTable(ours: ReturnType<typeof anova>, reference: FTable) {
  expect(ours.rows.map((r) => r.term)).toEqual(reference.terms);
  expect(ours.rows.map((r) => r.numDf)).toEqual(reference.numdf);
  expectClose(
    ours.rows.map((r) => r.denDf),
    reference.dendf,
    { rtol: 1e-3 },
  );
  expectClose(
    ours.rows.map((r) => r.F),
    reference.F,
    { rtol: 1e-4 },
  );
  expectClose(
    ours.rows.map((r) => r.p),
    reference.p,
    { rtol: 1e-3, atol: 1e-10 },
  );
}

describe.each(cases)("$id: type III anova against lmerTest", (c) => {
  it.runIf(c.anova3_satterthwaite !== null)("Satterthwaite", () => {
    expectTable(anova(fitCase(c), { type: 3 }), c.anova3_satterthwaite!);
  });
  it.runIf(c.anova3_kenward_roger !== null)("Kenward–Roger", () => {
    expectTable(anova(fitCase(c), { type: 3, ddf: "kenward-roger" }), c.anova3_kenward_roger!);
  });
  it.runIf(c.anova3_satterthwaite === null)("an intercept-only model has no rows", () => {
    expect(anova(fitCase(c)).rows).toEqual([]);
  });
});
