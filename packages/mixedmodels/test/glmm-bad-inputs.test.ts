import { thrown } from "@mixedmodels/testkit";
import { cbpp, grouseticks } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { DataError, fit, glmm, ModelError } from "../src/index";

// Issue 11's bad-input list for generalized models, end to end through glmm() and fit(): each
// gets a typed error naming the column, row or term, or exactly one structured warning.

/** cbpp as plain rows with extra columns. */
function cbppRows(extra: (row: number) => Record<string, number>) {
  const herd = cbpp.columns.herd;
  const period = cbpp.columns.period;
  const incidence = cbpp.columns.incidence;
  const size = cbpp.columns.size;
  if (herd.kind !== "categorical" || period.kind !== "categorical") throw new Error("cbpp");
  if (incidence.kind !== "numeric" || size.kind !== "numeric") throw new Error("cbpp");
  return Array.from({ length: incidence.values.length }, (_, t) => ({
    herd: herd.levels[herd.codes[t]],
    period: period.levels[period.codes[t]],
    incidence: incidence.values[t],
    size: size.values[t],
    ...extra(t),
  }));
}

describe("bad input to generalized models", () => {
  it("a proportion outside [0, 1] is a DataError naming the column and row", () => {
    const error = thrown(() =>
      glmm("I(2 * incidence / size) ~ 1 + period + (1 | herd)", cbpp, {
        family: "binomial",
        weights: "size",
      }),
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/a proportion in \[0, 1\]/);
    // The first row of cbpp with more than half of the herd infected.
    const rows = cbppRows(() => ({}));
    const first = rows.findIndex((row) => 2 * row.incidence > row.size);
    expect(first).toBeGreaterThan(0);
    expect((error as DataError).row).toBe(first);
  });

  it("non-positive trials are a DataError naming the weights column and row", () => {
    const rows = cbppRows((t) => ({ trials: t === 5 ? 0 : 10, p: (t % 4) / 10 }));
    const error = thrown(() =>
      glmm("p ~ 1 + (1 | herd)", rows, { family: "binomial", weights: "trials" }),
    );
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).column).toBe("trials");
    expect((error as DataError).row).toBe(5);
    expect((error as Error).message).toMatch(/0 in row 5/);
  });

  it("non-integer trials and non-integer counts give one warning each, not one per row", () => {
    const rows = cbppRows((t) => ({ trials: t % 2 === 0 ? 10.5 : 10, p: 0.2 + (t % 3) * 0.1 }));
    const binomial = glmm("p ~ 1 + (1 | herd)", rows, { family: "binomial", weights: "trials" });
    const trialWarnings = binomial.warnings.filter((w) => w.code === "non-integer-trials");
    expect(trialWarnings).toHaveLength(1);
    expect(trialWarnings[0].message).toMatch(/'trials' is not a whole number of trials in 28 row/);
    const counts = cbppRows((t) => ({ y: t + 0.5 }));
    const poisson = fit(glmm("y ~ 1 + (1 | herd)", counts, { family: "poisson" }));
    const countWarnings = poisson.warnings.filter((w) => w.code === "non-integer-counts");
    expect(countWarnings).toHaveLength(1);
    expect(countWarnings[0].message).toMatch(/in 56 row\(s\), first row 0/);
    expect(Number.isFinite(poisson.loglikelihood)).toBe(true);
  });

  it("nAGQ > 1 with a vector-valued term is a ModelError naming the term", () => {
    const slope = glmm("TICKS ~ 1 + cHEIGHT + (1 + cHEIGHT | BROOD)", grouseticks, {
      family: "poisson",
    });
    const error = thrown(() => fit(slope, { nAGQ: 3 }));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toMatch(/single scalar random-effects term.*cHEIGHT \| BROOD/);
  });

  it("a link whose inverse leaves the family's range carries a structured warning", () => {
    const m = glmm("TICKS ~ 1 + YEAR + (1 | BROOD)", grouseticks, {
      family: "poisson",
      link: "identity",
    });
    const warning = m.warnings.find((w) => w.code === "link-range");
    expect(warning?.message).toMatch(/identity/);
    expect(warning?.message).toMatch(/poisson/);
  });
});
