import { describe, expect, it } from "vitest";
import {
  binomialFamily,
  cloglogLink,
  createGlmWorkspace,
  families,
  links,
  logitLink,
  OBSERVED_WEIGHT_FLOOR,
  observedWorkingWeights,
  updateFromEta,
} from "../src";

const ETAS = [-3.1, -1.2, -0.4, 0.3, 0.9, 2.2];

/** Central difference of f at x with a step relative to |x|. */
function slope(f: (x: number) => number, x: number): number {
  const h = 1e-5 * Math.max(1, Math.abs(x));
  return (f(x + h) - f(x - h)) / (2 * h);
}

describe("second derivatives for Newton's PIRLS", () => {
  for (const link of links) {
    it(`${link.name}: secondDerivative is the slope of derivative`, () => {
      for (const eta of ETAS.map((e) => (link.validEta(e) ? e : Math.abs(e)))) {
        const expected = slope((x) => link.derivative(x), eta);
        expect(link.secondDerivative(eta)).toBeCloseTo(expected, 6);
      }
    });
  }
  for (const family of families) {
    it(`${family.name}: varianceDerivative is the slope of variance`, () => {
      for (const mu of [0.05, 0.3, 0.5, 0.8]) {
        expect(family.varianceDerivative(mu)).toBeCloseTo(
          slope((x) => family.variance(x), mu),
          6,
        );
      }
    });
  }
});

describe("observedWorkingWeights", () => {
  const y = Float64Array.from([0, 0.25, 1, 0.5, 0, 0.75]);
  const priorWeights = Float64Array.from([4, 4, 3, 2, 5, 4]);
  const eta = Float64Array.from(ETAS);
  const binomial = binomialFamily;

  it("equals the expected weights for the canonical link", () => {
    const workspace = createGlmWorkspace(y.length);
    updateFromEta(binomial, logitLink, y, priorWeights, eta, workspace);
    const weights = new Float64Array(y.length);
    const residuals = new Float64Array(y.length);
    observedWorkingWeights(
      binomial,
      logitLink,
      y,
      priorWeights,
      eta,
      workspace,
      weights,
      residuals,
    );
    for (let i = 0; i < y.length; i++) {
      expect(weights[i]).toBeCloseTo(workspace.workingWeights[i], 12);
      expect(residuals[i]).toBeCloseTo(workspace.workingResiduals[i], 10);
    }
  });

  it("is half the second derivative of the deviance in η for cloglog, and keeps the score", () => {
    const link = cloglogLink;
    const workspace = createGlmWorkspace(y.length);
    updateFromEta(binomial, link, y, priorWeights, eta, workspace);
    const weights = new Float64Array(y.length);
    const residuals = new Float64Array(y.length);
    observedWorkingWeights(binomial, link, y, priorWeights, eta, workspace, weights, residuals);
    for (let i = 0; i < y.length; i++) {
      const deviance = (x: number) =>
        priorWeights[i] * binomial.unitDeviance(y[i], link.inverse(x));
      const h = 1e-4;
      const second =
        (deviance(eta[i] + h) - 2 * deviance(eta[i]) + deviance(eta[i] - h)) / (h * h) / 2;
      const expected = workspace.workingWeights[i];
      const newton = Math.max(second, OBSERVED_WEIGHT_FLOOR * expected);
      // The second difference's own error is about 1e-7 relative at this step.
      expect(Math.abs(weights[i] - newton)).toBeLessThan(1e-5 * Math.max(1, newton));
      expect(weights[i] * residuals[i]).toBeCloseTo(expected * workspace.workingResiduals[i], 10);
    }
  });
});

describe("the fused cloglog-binomial loop", () => {
  it("gives the generic loop's bits, and the second derivative from dμ/dη the link's", () => {
    const etas = [-800, -40, -3.7, -1, -1e-9, 0, 0.4, 1.3, 3.2, 6, 699.5, 700, 701, 1e308];
    const n = etas.length;
    const eta = Float64Array.from(etas);
    const y = Float64Array.from(etas.map((_, i) => (i % 3) / 2));
    const priorWeights = Float64Array.from(etas.map((_, i) => 1 + (i % 4)));
    const fused = createGlmWorkspace(n);
    const generic = createGlmWorkspace(n);
    // A copy under another name is not recognised by the fused loops.
    const unnamed = { ...cloglogLink, name: "probit" as const };
    const d1 = updateFromEta(binomialFamily, cloglogLink, y, priorWeights, eta, fused);
    const d2 = updateFromEta(binomialFamily, unnamed, y, priorWeights, eta, generic);
    expect(Object.is(d1, d2)).toBe(true);
    for (const key of ["mu", "muEta", "workingWeights", "workingResiduals", "deviances"] as const) {
      expect(Array.from(fused[key])).toEqual(Array.from(generic[key]));
    }
    const weights = [new Float64Array(n), new Float64Array(n)];
    const residuals = [new Float64Array(n), new Float64Array(n)];
    observedWorkingWeights(
      binomialFamily,
      cloglogLink,
      y,
      priorWeights,
      eta,
      fused,
      weights[0],
      residuals[0],
    );
    observedWorkingWeights(
      binomialFamily,
      unnamed,
      y,
      priorWeights,
      eta,
      generic,
      weights[1],
      residuals[1],
    );
    expect(Array.from(weights[0])).toEqual(Array.from(weights[1]));
    expect(Array.from(residuals[0])).toEqual(Array.from(residuals[1]));
  });
});
