import { describe, expect, it } from "vitest";
import {
  createGlmWorkspace,
  devianceResidual,
  family,
  glmDeviance,
  logLikelihood,
  pearsonResidual,
  rFamilyAic,
  startingValues,
  updateFromEta,
} from "../src/index";
import reference from "./fixtures/reference-values.json" with { type: "json" };

function expectRelative(actual: number, expected: number, tolerance: number, label: string): void {
  const error = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(error, `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

/** The fits of R's glm() in the fixture, reproduced from their fitted μ and linear predictor. */
describe("GLM quantities of R's glm() fits, from the fixture's fitted values", () => {
  for (const [caseName, fit] of Object.entries(reference.fits)) {
    const { family: fam, link } = family(fit.family, fit.link);
    const y = Float64Array.from(fit.y);
    const weights = Float64Array.from(fit.weights);
    const n = y.length;

    it(`${caseName}: the deviance and the deviance and Pearson residuals`, () => {
      expectRelative(glmDeviance(fam, y, fit.mu, weights), fit.deviance[0], 1e-12, "deviance");
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const r = devianceResidual(fam, y[i], fit.mu[i], weights[i]);
        squares += r * r;
        expect(Math.abs(r - fit.devianceResiduals[i]), `deviance residual ${i}`).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(fit.devianceResiduals[i])),
        );
        const p = pearsonResidual(fam, y[i], fit.mu[i], weights[i]);
        expect(Math.abs(p - fit.pearsonResiduals[i]), `Pearson residual ${i}`).toBeLessThan(
          1e-12 * Math.max(1, Math.abs(fit.pearsonResiduals[i])),
        );
      }
      expectRelative(squares, fit.deviance[0], 1e-12, "sum of squared deviance residuals");
    });

    it(`${caseName}: μ, working weights and working residuals from η`, () => {
      const workspace = createGlmWorkspace(n);
      const deviance = updateFromEta(fam, link, y, weights, Float64Array.from(fit.eta), workspace);
      expectRelative(deviance, fit.deviance[0], 1e-10, "deviance from η");
      for (let i = 0; i < n; i++) {
        expectRelative(workspace.mu[i], fit.mu[i], 1e-12, `μ ${i}`);
        expectRelative(
          workspace.workingWeights[i],
          fit.workingWeights[i],
          1e-10,
          `working weight ${i}`,
        );
        expect(
          Math.abs(workspace.workingResiduals[i] - fit.workingResiduals[i]),
          `working residual ${i}`,
        ).toBeLessThan(1e-9 * Math.max(1, Math.abs(fit.workingResiduals[i])));
      }
    });

    it(`${caseName}: logLik and the family's aic, with the saturated terms`, () => {
      expectRelative(rFamilyAic(fam, y, fit.mu, weights), fit.familyAic[0], 1e-12, "family aic");
      let dispersion = 1;
      if (fam.hasDispersion) {
        // logLik.glm evaluates the density at the dispersion the family's aic uses.
        const total = fam.name === "gaussian" ? n : weights.reduce((a, b) => a + b, 0);
        dispersion = glmDeviance(fam, y, fit.mu, weights) / total;
      }
      expectRelative(
        logLikelihood(fam, y, fit.mu, weights, dispersion),
        fit.logLik[0],
        1e-12,
        "logLik",
      );
      expect(fit.logLikDf[0]).toBe(fam.hasDispersion ? 1 : 0);
    });

    it(`${caseName}: starting means as R's family$initialize`, () => {
      const mu = new Float64Array(n);
      const eta = new Float64Array(n);
      startingValues(fam, link, y, { column: "y", weights }, mu, eta);
      for (let i = 0; i < n; i++) {
        expectRelative(mu[i], fit.mustart[i], 1e-15, `mustart ${i}`);
        expectRelative(eta[i], link.link(fit.mustart[i]), 1e-15, `etastart ${i}`);
      }
    });
  }
});
