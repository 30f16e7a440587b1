import { dyestuff, pastes, penicillin, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import reference from "../test/fixtures/aicc/aicc-reference.json" with { type: "json" };
import { aic, aicc, dof, fit, lmm, nobs } from "./index";

const data = { dyestuff, penicillin, sleepstudy, pastes };

/**
 * AICc against an independent formula (issue 19: a wrong denominator passed every test). The
 * reference is −2·logLik + 2kn/(n − k − 1) evaluated in R from lme4's logLik, its df and nobs
 * (test/fixtures/aicc/make-aicc-reference.R). Dyestuff's n = 30 makes n − k against n − k − 1 a
 * difference of 0.034, a hundred times the tolerance.
 */
describe("aicc against −2·logLik + 2kn/(n − k − 1) from lme4", () => {
  for (const [name, ref] of Object.entries(reference.cases)) {
    it(`${name}: ${ref.formula}`, () => {
      const m = fit(lmm(ref.formula, data[name as keyof typeof data]));
      expect(nobs(m)).toBe(ref.nobs);
      expect(dof(m)).toBe(ref.dof);
      const n = ref.nobs;
      const k = ref.dof;
      // The small-sample correction alone, free of optimizer noise in the log-likelihood.
      const correction = (2 * k * n) / (n - k - 1) - 2 * k;
      expect(Math.abs(aicc(m) - aic(m) - correction)).toBeLessThan(1e-9);
      // The whole value, at the references' tolerance for the objective (1e-6 relative).
      expect(Math.abs(aicc(m) - ref.aicc)).toBeLessThan(1e-6 * ref.aicc);
    });
  }
});
