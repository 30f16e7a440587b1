import { propertySettings } from "@mixedmodels/testkit";
import fc from "fast-check";
import { expect, it } from "vitest";
import { contains, type Link } from "../src/index";

/** Where the properties are checked: means and linear predictors away from R's clamps. */
export interface LinkRanges {
  readonly mu: readonly [number, number];
  readonly eta: readonly [number, number];
  /** Extreme linear predictors (in the link's domain) whose means must still be in range. */
  readonly extremeEta: readonly number[];
}

const EPSILON = Number.EPSILON;

function closeTo(actual: number, expected: number, relative: number, absolute = 0): boolean {
  return Math.abs(actual - expected) <= relative * Math.abs(expected) + absolute;
}

/**
 * The properties every link must have, as vitest cases inside the caller's `describe`:
 * inverse ∘ link = identity on means, link ∘ inverse = identity on linear predictors,
 * dμ/dη against central finite differences of the inverse, and the inverse staying in its range.
 */
export function linkProperties(link: Link, ranges: LinkRanges): void {
  const mu = fc.double({ min: ranges.mu[0], max: ranges.mu[1], noNaN: true });
  const eta = fc.double({ min: ranges.eta[0], max: ranges.eta[1], noNaN: true });

  it("inverse(link(μ)) = μ", () => {
    fc.assert(
      fc.property(mu, (m) => {
        // η carries a relative rounding error of ε, which moves μ by ε·|η|·|dμ/dη|.
        const e = link.link(m);
        const slack = 4 * EPSILON * Math.abs(e) * Math.abs(link.derivative(e));
        return closeTo(link.inverse(e), m, 1e-13, slack + 1e-300);
      }),
      propertySettings,
    );
  });

  it("link(inverse(η)) = η", () => {
    fc.assert(
      fc.property(eta, (e) => {
        // μ carries a relative rounding error of ε, which moves η by ε·|μ|/|dμ/dη|: near μ = 1
        // that is what limits any implementation.
        const m = link.inverse(e);
        const slack = (4 * EPSILON * Math.abs(m)) / Math.abs(link.derivative(e));
        return closeTo(link.link(m), e, 1e-13, slack + 1e-300);
      }),
      propertySettings,
    );
  });

  it("dμ/dη agrees with a central finite difference of the inverse", () => {
    fc.assert(
      fc.property(eta, (e) => {
        // A symmetric step, relative to |η| where the tested range is a half-line (sqrt, inverse).
        const scale = ranges.eta[0] >= 0 ? Math.abs(e) : Math.max(1, Math.abs(e));
        const h = 1e-6 * scale;
        const lower = e - h;
        const upper = e + h;
        const difference = (link.inverse(upper) - link.inverse(lower)) / (upper - lower);
        const d = link.derivative(e);
        // Truncation error of the central difference plus the rounding of the two values of μ.
        const rounding = (4 * EPSILON * Math.abs(link.inverse(e))) / (upper - lower);
        return closeTo(d, difference, 1e-6, rounding);
      }),
      propertySettings,
    );
  });

  it("maps valid linear predictors into its mean range, also at the extremes", () => {
    for (const e of ranges.extremeEta) {
      expect(link.validEta(e), `η = ${e}`).toBe(true);
      const m = link.inverse(e);
      expect(contains(link.muRange, m), `μ(${e}) = ${m}`).toBe(true);
      expect(Number.isFinite(link.derivative(e)), `dμ/dη(${e})`).toBe(true);
    }
    fc.assert(
      fc.property(eta, (e) => contains(link.muRange, link.inverse(e))),
      propertySettings,
    );
  });

  it("rejects NaN and infinite linear predictors", () => {
    expect(link.validEta(Number.NaN)).toBe(false);
    expect(link.validEta(Infinity)).toBe(false);
    expect(link.validEta(-Infinity)).toBe(false);
  });
}
