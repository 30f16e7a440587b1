import { expectClose } from "@mixedmodels/testkit";
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
    expect(table.rows.map((row) => row.term)).toEqual(r.terms);
    expect(table.npar).toBe(r.full_npar);
    expect(table.rows.map((row) => row.npar)).toEqual(r.npar);
    expect(table.rows.map((row) => row.df)).toEqual(r.df);
    // log-likelihoods within the objective's 1e-6 relative; LRT within 2e-4 absolute
    expectClose(table.loglik, r.full_loglik, { rtol: 1e-6 });
    expectClose(
      table.rows.map((row) => row.loglik),
      r.loglik,
      { rtol: 1e-6 },
    );
    expectClose(
      table.rows.map((row) => row.lrt),
      r.lrt,
      { atol: 2e-4 },
    );
    expectClose(
      table.rows.map((row) => row.p),
      r.p,
      { rtol: 1e-3, atol: 1e-10 },
    );
  });
  it.runIf(reference.anova1_satterthwaite !== null)("type I anova with Satterthwaite df", () => {
    const a = reference.anova1_satterthwaite!;
    const table = anova(fitCase(c), { type: 1 });
    expect(table.rows.map((row) => row.term)).toEqual(a.terms);
    expect(table.rows.map((row) => row.numDf)).toEqual(a.numdf);
    expectClose(
      table.rows.map((row) => row.denDf),
      a.dendf,
      { rtol: 1e-3 },
    );
    expectClose(
      table.rows.map((row) => row.F),
      a.F,
      { rtol: 1e-4 },
    );
    expectClose(
      table.rows.map((row) => row.p),
      a.p,
      { rtol: 1e-3, atol: 1e-10 },
    );
  });
});
