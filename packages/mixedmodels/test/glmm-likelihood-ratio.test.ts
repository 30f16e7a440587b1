import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cbpp, grouseticks } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { fit, glmm, likelihoodRatioTest, lmm, ModelError } from "../src/index";

// likelihoodRatioTest on nested GLMMs, against R's anova(m0, m1) on glmer fits
// (fixtures/glmm-lrt: make-glmm-lrt.R, glmer with a tight PIRLS tolerance so that its fits
// reach the optimum, as ours do).
interface AnovaTable {
  readonly formulas: [string, string];
  readonly npar: [number, number];
  readonly minus2loglik: [number, number];
  readonly chisq: [null, number];
  readonly df: [null, number];
  readonly p: [null, number];
}
const reference = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "glmm-lrt", "glmm-lrt.json"), "utf8"),
) as Record<"cbpp_period" | "grouseticks_location", AnovaTable>;

function checkAgainstR(table: AnovaTable, test: ReturnType<typeof likelihoodRatioTest>): void {
  expect(test.rows.map((row) => row.dof)).toEqual(table.npar);
  test.rows.forEach((row, i) => {
    expect(Math.abs(row.deviance - table.minus2loglik[i]), `deviance ${i}`).toBeLessThan(1e-4);
  });
  const [, second] = test.rows;
  expect(second.chisqDof).toBe(table.df[1]);
  expect(Math.abs((second.chisq ?? Number.NaN) - table.chisq[1])).toBeLessThan(1e-4);
  expect(Math.abs((second.p ?? Number.NaN) / table.p[1] - 1)).toBeLessThan(1e-3);
}

describe("likelihoodRatioTest of nested GLMMs", () => {
  it("binomial: a fixed-effects term added, as anova() on glmer fits (cbpp)", () => {
    const table = reference.cbpp_period;
    const [small, large] = table.formulas.map((formula) =>
      fit(glmm(formula, cbpp, { family: "binomial", weights: "size" })).summary(),
    );
    checkAgainstR(table, likelihoodRatioTest(small, large));
  });

  it("Poisson: a random-effects term added, as anova() on glmer fits (grouseticks)", () => {
    const table = reference.grouseticks_location;
    const [small, large] = table.formulas.map((formula) =>
      fit(glmm(formula, grouseticks, { family: "poisson" })).summary(),
    );
    checkAgainstR(table, likelihoodRatioTest(small, large));
  });

  it("rejects models of different families, links, or a GLMM with a linear model", () => {
    const small = "incidence / size ~ 1 + (1 | herd)";
    const large = "incidence / size ~ 1 + period + (1 | herd)";
    const logit = fit(glmm(small, cbpp, { family: "binomial", weights: "size" })).summary();
    const cloglog = fit(
      glmm(large, cbpp, { family: "binomial", link: "cloglog", weights: "size" }),
    ).summary();
    expect(() => likelihoodRatioTest(logit, cloglog)).toThrow(ModelError);
    expect(() => likelihoodRatioTest(logit, cloglog)).toThrow(
      /different families or links: .* the binomial family with the logit link, .* the binomial family with the cloglog link/,
    );
    const poisson = fit(
      glmm("TICKS ~ 1 + YEAR + (1 | BROOD)", grouseticks, { family: "poisson" }),
    ).summary();
    const linear = fit(lmm("TICKS ~ 1 + YEAR + cHEIGHT + (1 | BROOD)", grouseticks)).summary();
    expect(() => likelihoodRatioTest(poisson, linear)).toThrow(
      /different families or links: .*a linear mixed model \(Gaussian, identity link\)/,
    );
  });
});
