import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Family, Link } from "../src/index";
import {
  bernoulliFamily,
  binomialFamily,
  createGlmWorkspace,
  logitLink,
  logLink,
  poissonFamily,
  updateFromEta,
} from "../src/index";

// updateFromEta runs fused loops for logit-binomial and log-Poisson (one exp shared by μ, dμ/dη
// and the deviance). They must give what the family's and link's own functions give, term by
// term, up to rounding: checked here against those functions evaluated one at a time, including
// linear predictors past R's clamping threshold |η| = 30.

function generic(family: Family, link: Link, y: number, w: number, eta: number) {
  const mu = link.inverse(eta);
  const d = link.derivative(eta);
  // V(μ) = μ(1 − μ) with 1 − μ as g⁻¹(−η) for the logit (1 − μ itself cancels where μ is
  // near 1, and the fused loop's w·dμ/dη, exact for a canonical link, does not).
  const variance = link.name === "logit" ? mu * link.inverse(-eta) : family.variance(mu);
  return {
    mu,
    muEta: d,
    workingWeight: (w * d * d) / variance,
    workingResidual: (y - mu) / d,
    deviance: w === 0 ? 0 : w * unitDeviance(family, link, y, eta, mu),
  };
}

/**
 * For 0/1 under the logit, −2 log μ = 2 log(1 + e^−η) and −2 log(1 − μ) = 2 log(1 + e^η), which
 * keep full precision where μ rounds near 0 or 1 (the family's function of μ cannot).
 */
function unitDeviance(family: Family, link: Link, y: number, eta: number, mu: number): number {
  if (link.name === "logit" && Math.abs(eta) <= 30) {
    if (y === 1) return 2 * Math.log1p(Math.exp(-eta));
    if (y === 0) return 2 * Math.log1p(Math.exp(eta));
  }
  return family.unitDeviance(y, mu);
}

function close(actual: number, expected: number, relative: number): boolean {
  return Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-300);
}

function check(family: Family, link: Link, rows: { y: number; w: number; eta: number }[]) {
  const n = rows.length;
  const workspace = createGlmWorkspace(n);
  const y = Float64Array.from(rows, (row) => row.y);
  const w = Float64Array.from(rows, (row) => row.w);
  const eta = Float64Array.from(rows, (row) => row.eta);
  const total = updateFromEta(family, link, y, w, eta, workspace);
  let expectedTotal = 0;
  let totalAllowance = 0;
  rows.forEach((row, i) => {
    const expected = generic(family, link, row.y, row.w, row.eta);
    expectedTotal += expected.deviance;
    expect(close(workspace.mu[i], expected.mu, 1e-14), `μ at η = ${row.eta}`).toBe(true);
    expect(close(workspace.muEta[i], expected.muEta, 1e-14), "dμ/dη").toBe(true);
    expect(close(workspace.workingWeights[i], expected.workingWeight, 1e-13), "weight").toBe(true);
    // (y − μ)/(dμ/dη) inherits an ulp of μ divided by dμ/dη wherever y − μ cancels.
    const residualError = Math.abs(workspace.workingResiduals[i] - expected.workingResidual);
    const ulpOfMu = 4 * Number.EPSILON * Math.max(Math.abs(expected.mu), 1);
    expect(
      residualError <= ulpOfMu / expected.muEta + 1e-12 * Math.abs(expected.workingResidual),
      `working residual at η = ${row.eta}`,
    ).toBe(true);
    // The fused deviance is log1p(e^−|η|) (+|η|): more accurate than −log μ where μ rounds.
    // For a proportion strictly inside (0, 1) both sides evaluate the family's deviance at μ,
    // which the two compute an ulp apart; the deviance's slope 2w|y − μ|/(μ(1 − μ)) turns that
    // ulp of μ into 8εw|y − μ|/(1 − μ) (y = 5e-324 at η = 12: 4e-11 of relative difference).
    const proportion = link.name === "logit" && row.y > 0 && row.y < 1;
    const muUlp = proportion
      ? (8 * Number.EPSILON * row.w * Math.abs(row.y - expected.mu)) / link.inverse(-row.eta)
      : 0;
    // The fused deviance of a proportion or a count is a sum of η-free and η terms of order 1
    // (binomial) or y·|log y| (Poisson) that cancel where μ is near y: an absolute error of a
    // few ulps of those terms, where the family's y·log(y/μ) keeps its relative accuracy.
    const terms =
      link.name === "logit"
        ? proportion
          ? 1 + Math.abs(row.eta)
          : 0
        : row.y * (Math.abs(Math.log(Math.max(row.y, 1))) + Math.abs(row.eta) + 1) + expected.mu;
    const inEta = 8 * Number.EPSILON * row.w * terms;
    totalAllowance += muUlp + inEta;
    expect(
      Math.abs(workspace.deviances[i] - expected.deviance) <=
        1e-12 * Math.max(Math.abs(expected.deviance), 1e-300) + muUlp + inEta,
      `d at η = ${row.eta}`,
    ).toBe(true);
  });
  expect(
    Math.abs(total - expectedTotal) <=
      1e-12 * Math.max(Math.abs(expectedTotal), 1e-300) + totalAllowance,
    "total deviance",
  ).toBe(true);
}

describe("fused canonical updates", () => {
  it("logit with a Bernoulli response matches the link and family functions", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            y: fc.constantFrom(0, 1),
            w: fc.constantFrom(0, 1, 2.5),
            eta: fc.oneof(
              fc.double({ min: -30, max: 30, noNaN: true }),
              fc.double({ min: -60, max: 60, noNaN: true }),
            ),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (rows) => check(bernoulliFamily, logitLink, rows),
      ),
    );
  });

  it("logit with binomial proportions matches the link and family functions", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            y: fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })),
            w: fc.integer({ min: 1, max: 50 }),
            eta: fc.double({ min: -40, max: 40, noNaN: true }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (rows) => check(binomialFamily, logitLink, rows),
      ),
    );
  });

  it("log with Poisson counts matches the link and family functions", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            y: fc.integer({ min: 0, max: 500 }),
            w: fc.constantFrom(0, 1, 3),
            eta: fc.double({ min: -40, max: 8, noNaN: true }),
          }),
          { minLength: 1, maxLength: 40 },
        ),
        (rows) => check(poissonFamily, logLink, rows),
      ),
    );
  });

  it("at μ = y and after y changes in place (the η-free terms are cached per y)", () => {
    const cases: [Family, Link, number[]][] = [
      [binomialFamily, logitLink, [0.25, 0.5, 0.9, 0, 1]],
      [poissonFamily, logLink, [3, 120, 0, 1, 7]],
    ];
    for (const [family, link, ys] of cases) {
      const rows = ys.map((y) => ({ y, w: 2, eta: y > 0 && y < 1 ? Math.log(y / (1 - y)) : 0.3 }));
      if (link.name === "log") {
        for (const row of rows) row.eta = row.y > 0 ? Math.log(row.y) : -2;
      }
      check(family, link, rows);
      const y = Float64Array.from(rows, (row) => row.y);
      const eta = Float64Array.from(rows, (row) => row.eta);
      const w = new Float64Array(rows.length).fill(2);
      const workspace = createGlmWorkspace(rows.length);
      updateFromEta(family, link, y, w, eta, workspace);
      // A new response in the same array: the cached terms must follow it.
      y[0] = link.name === "logit" ? 0.75 : 11;
      const total = updateFromEta(family, link, y, w, eta, workspace);
      let expected = 0;
      for (let i = 0; i < y.length; i++) {
        expected += 2 * family.unitDeviance(y[i], link.inverse(eta[i]));
      }
      expect(Math.abs(total - expected)).toBeLessThan(1e-10 * Math.max(expected, 1));
    }
  });
});
