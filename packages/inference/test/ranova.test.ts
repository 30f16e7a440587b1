import { expectFTable, expectRanovaTable } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { anova, ranova } from "../src/index";
import { cases, fitCase } from "./fixture-cases";
import lmerTest from "./fixtures/lmertest/ranova_anova1.json";

interface Reference {
  ranova: {
    terms: string[];
    npar: number[];
    loglik: number[];
    lrt: number[];
    df: number[];
    p: number[];
    full_loglik: number;
    full_npar: number;
  };
  anova1_satterthwaite: {
    terms: string[];
    numdf: number[];
    dendf: number[];
    F: number[];
    p: number[];
  } | null;
}
const references = lmerTest as Record<string, Reference>;

describe.each(cases)("$id against lmerTest's ranova and type I anova", (c) => {
  const reference = references[c.id];
  it("ranova: the reduced models' npar, log-likelihood, LRT, df, p", () => {
    const table = ranova(fitCase(c));
    const r = reference.ranova;
    expect(table.npar).toBe(r.full_npar);
    expect(table.rows.map((row) => row.npar)).toEqual(r.npar);
    expectRanovaTable(table, r);
  });
  it.runIf(reference.anova1_satterthwaite !== null)("type I anova with Satterthwaite df", () => {
    const a = reference.anova1_satterthwaite!;
    expectFTable(anova(fitCase(c), { type: 1 }), a);
  });
});
