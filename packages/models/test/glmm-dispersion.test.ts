import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ModelError } from "@mixedmodels/core";
import { sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { GeneralizedLinearMixedModel } from "../src/generalized-linear-mixed-model";

// Families with a dispersion parameter against glmer (fixtures/glmm/make-dispersion-families.R:
// Gamma and inverse Gaussian with the log link, the Gaussian with the log link, on sleepstudy),
// within the reference set's tolerances: −2 log L within 1e-6 relative or lower, β within 1e-2
// standard errors, standard errors, σ and the random-effect sd within 1e-2 relative.
interface DispersionReference {
  readonly formula: string;
  readonly family: string;
  readonly link: string;
  readonly minus2loglik: number;
  readonly aic: number;
  readonly dof: number;
  readonly theta: number;
  readonly sigma: number;
  readonly fixef: { names: string[]; beta: number[]; stderror: number[] };
  readonly sd: number;
}
const references = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "glmm", "dispersion-families.json"), "utf8"),
) as Record<string, DispersionReference>;

const FAMILY_NAMES: Record<string, string> = {
  Gamma: "gamma",
  "inverse.gaussian": "inversegaussian",
  gaussian: "gaussian",
};

describe("GLMMs of families with a dispersion parameter, against glmer", () => {
  for (const [id, reference] of Object.entries(references)) {
    it(id, () => {
      const model = GeneralizedLinearMixedModel.fromFormula(reference.formula, sleepstudy, {
        family: FAMILY_NAMES[reference.family],
        link: reference.link,
      }).fit({ optimizer: bobyqa() });
      const slack = Math.max(1e-6 * reference.minus2loglik, 1e-4);
      const minus2loglik = -2 * model.loglikelihood;
      expect(minus2loglik).toBeLessThanOrEqual(reference.minus2loglik + slack);
      expect(minus2loglik).toBeGreaterThan(reference.minus2loglik - 1e-2);
      expect(model.dof).toBe(reference.dof);
      expect(Math.abs(model.aic - reference.aic)).toBeLessThan(slack + 1e-2);
      const beta = model.coef();
      const errors = model.stderror();
      reference.fixef.beta.forEach((value, i) => {
        const se = reference.fixef.stderror[i];
        expect(Math.abs(beta[i] - value) / se, `β ${i}`).toBeLessThan(1e-2);
        expect(Math.abs(errors[i] / se - 1), `SE ${i}`).toBeLessThan(1e-2);
      });
      expect(Math.abs(model.sigma / reference.sigma - 1)).toBeLessThan(1e-2);
      expect(model.dispersion).toBeCloseTo(model.sigma ** 2, 12);
      const { groups, residual } = model.varCorr();
      expect(residual).toBeCloseTo(model.sigma, 12);
      if (reference.sd === 0) expect(groups[0].sd[0]).toBeLessThan(1e-4);
      else expect(Math.abs(groups[0].sd[0] / reference.sd - 1)).toBeLessThan(1e-2);
      expect(model.warnings.map((warning) => warning.code)).toContain("dispersion-family");
      expect(model.summary().generalized?.dispersion).toBe(model.dispersion);
    }, 120_000);
  }

  it("rejects adaptive Gauss–Hermite quadrature for them with a ModelError", () => {
    const model = GeneralizedLinearMixedModel.fromFormula(
      "Reaction ~ 1 + Days + (1 | Subject)",
      sleepstudy,
      { family: "gamma", link: "log" },
    );
    expect(() => model.fit({ optimizer: bobyqa(), nAGQ: 5 })).toThrow(ModelError);
    expect(() => model.fit({ optimizer: bobyqa(), nAGQ: 5 })).toThrow(
      /available for the Bernoulli, binomial and Poisson families only; the gamma family/,
    );
  });
});
