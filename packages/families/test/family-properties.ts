import { DataError } from "@mixedmodels/core";
import { propertySettings } from "@mixedmodels/testkit";
import fc from "fast-check";
import { expect, it } from "vitest";
import { devianceResidual, type Family, glmDeviance } from "../src/index";

/** One observation: response, mean, prior weight and dispersion, inside the family's support. */
export interface Observation {
  readonly y: number;
  readonly mu: number;
  readonly weight: number;
  readonly dispersion: number;
}

function close(actual: number, expected: number, relative: number, absolute: number): boolean {
  return Math.abs(actual - expected) <= relative * Math.abs(expected) + absolute;
}

/**
 * The properties every family must have, as vitest cases inside the caller's `describe`:
 * the deviance is twice the log-likelihood ratio against the saturated model (so the deviance,
 * the log density and its saturated terms are consistent), its derivative in μ is −2(y−μ)/V(μ)
 * (so the variance function belongs to the deviance), and the squared deviance residuals sum
 * to the deviance. `valid` is a response inside the support, `invalid` ones outside it.
 */
export function familyProperties(
  family: Family,
  observation: fc.Arbitrary<Observation>,
  valid: number,
  invalid: readonly number[],
): void {
  it("w·d(y, μ) = 2φ·[log p(y | y) − log p(y | μ)], and d(y, y) = 0", () => {
    fc.assert(
      fc.property(observation, ({ y, mu, weight, dispersion }) => {
        const deviance = weight * family.unitDeviance(y, mu);
        const saturated = family.logDensity(y, y, weight, dispersion);
        const ratio = 2 * dispersion * (saturated - family.logDensity(y, mu, weight, dispersion));
        const scale = Math.abs(saturated) * dispersion + deviance;
        return (
          deviance >= 0 &&
          family.unitDeviance(y, y) === 0 &&
          close(deviance, ratio, 1e-9, 1e-11 * scale)
        );
      }),
      propertySettings,
    );
  });

  it("∂d(y, μ)/∂μ = −2(y − μ)/V(μ), against a central finite difference", () => {
    fc.assert(
      fc.property(observation, ({ y, mu }) => {
        const h =
          1e-6 * Math.min(Math.abs(mu), mu - family.muRange.lower, family.muRange.upper - mu);
        const lower = mu - h;
        const upper = mu + h;
        if (!(lower > family.muRange.lower && upper < family.muRange.upper)) return true;
        // Divided by the difference of the rounded points, not 2h.
        const difference =
          (family.unitDeviance(y, upper) - family.unitDeviance(y, lower)) / (upper - lower);
        const expected = (-2 * (y - mu)) / family.variance(mu);
        const rounding = (8 * Number.EPSILON * (family.unitDeviance(y, mu) + 1)) / h;
        // The central difference is off by h²·d'''/6, which dominates where y ≈ μ makes the
        // derivative itself vanish (inverse Gaussian at y = μ = 1e-3: 2e-6 against 1.6e-8);
        // d''' comes from the five-point difference at the same step.
        const outer =
          family.unitDeviance(y, mu + 2 * h) -
          2 * family.unitDeviance(y, upper) +
          2 * family.unitDeviance(y, lower) -
          family.unitDeviance(y, mu - 2 * h);
        // 3× the estimate h²·|d'''|/6 = |outer|/(12h); h ≤ 1e-6 of the distance to either bound
        // keeps μ ± 2h inside the range.
        const truncation = Math.abs(outer) / (4 * h);
        return close(difference, expected, 1e-5, rounding + truncation);
      }),
      propertySettings,
    );
  });

  it("the squared deviance residuals sum to the GLM deviance", () => {
    fc.assert(
      fc.property(fc.array(observation, { minLength: 1, maxLength: 30 }), (sample) => {
        const y = sample.map((o) => o.y);
        const mu = sample.map((o) => o.mu);
        const w = sample.map((o) => o.weight);
        let squares = 0;
        for (let i = 0; i < sample.length; i++) {
          squares += devianceResidual(family, y[i], mu[i], w[i]) ** 2;
        }
        return close(squares, glmDeviance(family, y, mu, w), 1e-12, 1e-300);
      }),
      propertySettings,
    );
  });

  it("rejects a response outside the support with a DataError naming the column and row", () => {
    for (const bad of invalid) {
      const y = [valid, bad];
      let caught: unknown;
      try {
        family.checkResponse(y, { column: "resp", rows: [4, 9] });
      } catch (error) {
        caught = error;
      }
      expect(caught, `response ${bad}`).toBeInstanceOf(DataError);
      expect((caught as DataError).column).toBe("resp");
      expect((caught as DataError).row).toBe(9);
      expect((caught as DataError).message).toContain("'resp'");
    }
  });
}

/** A positive double spread over several orders of magnitude. */
export function positive(min: number, max: number): fc.Arbitrary<number> {
  return fc
    .double({ min: Math.log(min), max: Math.log(max), noNaN: true })
    .map((logValue) => Math.exp(logValue));
}
