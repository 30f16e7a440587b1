import { describe, expect, it } from "vitest";
import mpmath from "../test/fixtures/f-mpmath.json" with { type: "json" };
import reference from "../test/fixtures/reference-values.json" with { type: "json" };
import { chiSquareSurvival, fCdf, fSurvival, tSurvival } from "./index";

function expectRelative(actual: number, expected: number, tolerance: number, label: string): void {
  if (expected < 1e-300) {
    expect(actual, label).toBeLessThan(1e-290);
    return;
  }
  const error = Math.abs(actual - expected) / expected;
  expect(error, `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe("F distribution against R's pf and mpmath", () => {
  for (const name of ["f", "fRandom"] as const) {
    it(`${name}: both tails to 1e-12 relative of mpmath, 1e-10 of R`, () => {
      const { x, df1, df2, upper, lower } = reference[name];
      const exact = mpmath[name];
      x.forEach((value, i) => {
        const label = `F(${value}; ${df1[i]}, ${df2[i]})`;
        const survival = fSurvival(value, df1[i], df2[i]);
        const cdf = fCdf(value, df1[i], df2[i]);
        expectRelative(survival, exact.upper[i], 1e-12, `${label} upper (mpmath)`);
        expectRelative(cdf, exact.lower[i], 1e-12, `${label} lower (mpmath)`);
        // R's pbeta loses digits in the far tail (6e-11 relative near 1e-282).
        expectRelative(survival, upper[i], upper[i] > 1e-200 ? 1e-12 : 1e-10, `${label} upper`);
        expectRelative(cdf, lower[i], lower[i] > 1e-200 ? 1e-12 : 1e-10, `${label} lower`);
      });
    });
  }

  it("has the closed forms F(2, ν): P(F > x) = (1 + 2x/ν)^(−ν/2) and F(1, ν) = t²", () => {
    expect(fSurvival(3, 2, 10)).toBeCloseTo(1.6 ** -5, 16);
    for (const [t, df] of [
      [1.3, 4],
      [2.2, 17],
      [0.4, 1],
    ]) {
      expectRelative(fSurvival(t * t, 1, df), 2 * tSurvival(t, df), 1e-13, `t(${t}, ${df})²`);
    }
  });

  it("reduces to the chi-square for an infinite denominator df", () => {
    expectRelative(fSurvival(2.5, 3, Infinity), chiSquareSurvival(7.5, 3), 1e-15, "F(3, ∞)");
    expectRelative(fSurvival(0.5, Infinity, 4), 1 - chiSquareSurvival(8, 4), 1e-14, "F(∞, 4)");
  });

  it("handles the ends and rejects non-positive df", () => {
    expect(fSurvival(0, 3, 4)).toBe(1);
    expect(fCdf(-1, 3, 4)).toBe(0);
    expect(fSurvival(Infinity, 3, 4)).toBe(0);
    expect(fCdf(Number.NaN, 3, 4)).toBeNaN();
    expect(() => fSurvival(1, 0, 4)).toThrow(RangeError);
    expect(() => fCdf(1, 3, -2)).toThrow(/fCdf: degrees of freedom must be positive/);
  });
});
