import { expectFTable } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { anova } from "../src/index";
import { cases, fitCase } from "./fixture-cases";

describe.each(cases)("$id: type III anova against lmerTest", (c) => {
  it.runIf(c.anova3_satterthwaite !== null)("Satterthwaite", () => {
    expectFTable(anova(fitCase(c), { type: 3 }), c.anova3_satterthwaite!);
  });
  it.runIf(c.anova3_kenward_roger !== null)("Kenward–Roger", () => {
    expectFTable(anova(fitCase(c), { type: 3, ddf: "kenward-roger" }), c.anova3_kenward_roger!);
  });
  it.runIf(c.anova3_satterthwaite === null)("an intercept-only model has no rows", () => {
    expect(anova(fitCase(c)).rows).toEqual([]);
  });
});
