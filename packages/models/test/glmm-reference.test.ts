import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { GeneralizedLinearMixedModel } from "../src/generalized-linear-mixed-model";
import {
  familyOptions,
  GLMM_CASES,
  type GlmmReference,
  glmmData,
  loadGlmmReference,
} from "./helpers/glmm-cases";

// Every glmer reference fit, within the tolerances of the reference set's README.

/** glmer's cbpp Laplace fit with a tight PIRLS tolerance (see fixtures/glmm/README.md). */
const cbppTight = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "glmm", "cbpp_binomial_tight.json"), "utf8"),
) as { deviance_laplace: number; fixef: { stderror: number[] } };

function fitCase(reference: GlmmReference): GeneralizedLinearMixedModel {
  const model = GeneralizedLinearMixedModel.fromFormula(reference.formula, glmmData(reference), {
    ...familyOptions(reference),
    ...(reference.weights === "" ? {} : { weights: reference.weights }),
  });
  return model.fit({ optimizer: bobyqa(), nAGQ: reference.nAGQ });
}

describe("glmer reference fits", () => {
  for (const id of GLMM_CASES) {
    it(id, () => {
      const reference = loadGlmmReference(id);
      const model = fitCase(reference);
      expect(model.nobs).toBe(reference.nobs);
      expect(model.dof).toBe(reference.dof);
      // −2 log L within 1e-6 relative (or 1e-4 absolute) of glmer, or lower. For nAGQ > 1 glmer
      // reports the quadrature deviance without the saturated terms: our objective.
      const deviance = reference.nAGQ === 1 ? -2 * model.loglikelihood : model.objective;
      const slack = Math.max(1e-6 * Math.abs(reference.deviance_laplace), 1e-4);
      expect(deviance).toBeLessThanOrEqual(reference.deviance_laplace + slack);
      // "Lower" is a better optimum, but not a different model: a few 1e-4 at most here.
      expect(deviance).toBeGreaterThan(reference.deviance_laplace - 1e-2);
      if (reference.nAGQ === 1) {
        expect(model.aic).toBeLessThanOrEqual(reference.aic + slack);
        expect(model.bic).toBeLessThanOrEqual(reference.bic + slack);
      }
      expect(model.coefnames()).toEqual(reference.fixef.names);
      const beta = model.coef();
      const errors = model.stderror();
      const referenceErrors =
        id === "cbpp_binomial" ? cbppTight.fixef.stderror : reference.fixef.stderror;
      reference.fixef.beta.forEach((value, i) => {
        const se = reference.fixef.stderror[i];
        expect(Math.abs(beta[i] - value) / se, `β ${reference.fixef.names[i]}`).toBeLessThan(1e-2);
        expect(Math.abs(errors[i] / referenceErrors[i] - 1), `SE ${i}`).toBeLessThan(1e-2);
      });
      const groups = new Map(model.varCorr().groups.map((group) => [group.group, group]));
      for (const expected of reference.varcorr) {
        const group = groups.get(expected.group);
        expect(group, expected.group).toBeDefined();
        expected.sd.forEach((sd, i) => {
          expect(Math.abs((group?.sd[i] ?? 0) / sd - 1), `sd ${expected.group}`).toBeLessThan(1e-2);
        });
        if (expected.corr !== null) {
          expect(Math.abs((group?.corr?.[1]?.[0] ?? 0) - expected.corr[1][0])).toBeLessThan(1e-2);
        }
      }
      for (const [group, levels] of Object.entries(reference.ngroups)) {
        expect(model.parts.reterms.find((term) => term.group === group)?.levels.length).toBe(
          levels,
        );
      }
      expect(model.isSingular()).toBe(reference.singular);
      expect(model.varCorr().residual).toBeNull();
      expect(Number.isFinite(model.objective)).toBe(true);
    }, 900_000);
  }
});
