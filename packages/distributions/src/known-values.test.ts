import { describe, expect, it } from "vitest";
import {
  chiSquareCdf,
  chiSquareSurvival,
  lgamma,
  normalCdf,
  normalQuantile,
  normalSurvival,
  normalTwoSidedPValue,
  regularizedBeta,
  regularizedGammaP,
  regularizedGammaQ,
  tCdf,
  tSurvival,
} from "./index";

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

describe("known values (checked against R 4.2.2 and mpmath at 40 digits)", () => {
  it("normal", () => {
    expect(relativeError(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-15);
    expect(relativeError(normalSurvival(10), 7.619853024160527e-24)).toBeLessThan(1e-13);
    expect(relativeError(normalSurvival(37), 5.725571222524577e-300)).toBeLessThan(1e-12);
    expect(normalSurvival(0)).toBe(0.5);
    expect(relativeError(normalTwoSidedPValue(-1.959963984540054), 0.05)).toBeLessThan(1e-14);
    expect(relativeError(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-15);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it("chi-square", () => {
    expect(relativeError(chiSquareSurvival(3.84, 1), 0.05004352124870519)).toBeLessThan(1e-14);
    // Two degrees of freedom: the survival function is exp(−x/2) exactly.
    expect(relativeError(chiSquareSurvival(1000, 2), Math.exp(-500))).toBeLessThan(1e-13);
    // The sleepstudy likelihood-ratio test of the references: χ² = 1794.0786 − 1751.9393 on 2 df.
    expect(relativeError(chiSquareSurvival(42.1393, 2), Math.exp(-42.1393 / 2))).toBeLessThan(
      1e-13,
    );
  });

  it("Student t", () => {
    // One degree of freedom is the Cauchy distribution: P(T > t) = ½ − atan(t)/π.
    expect(relativeError(tSurvival(3, 1), 0.5 - Math.atan(3) / Math.PI)).toBeLessThan(1e-14);
    // Two degrees of freedom: P(T > t) = ½ − t / (2·√(t² + 2)).
    expect(relativeError(tCdf(-1, 2), 0.5 - 1 / (2 * Math.sqrt(3)))).toBeLessThan(1e-14);
    expect(tSurvival(0, 7)).toBe(0.5);
    expect(tSurvival(1.5, Number.POSITIVE_INFINITY)).toBe(normalSurvival(1.5));
  });

  it("gamma function and incomplete gamma and beta", () => {
    expect(lgamma(1)).toBeCloseTo(0, 15);
    expect(relativeError(lgamma(0.5), Math.log(Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
    expect(relativeError(lgamma(171), Math.log(7.257415615307994e306))).toBeLessThan(1e-14);
    expect(lgamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(relativeError(regularizedGammaQ(1, 50), Math.exp(-50))).toBeLessThan(1e-14);
    expect(relativeError(regularizedGammaP(1, 1e-5), -Math.expm1(-1e-5))).toBeLessThan(1e-14);
    expect(relativeError(regularizedBeta(0.3, 1, 1), 0.3)).toBeLessThan(1e-15);
    expect(relativeError(regularizedBeta(0.3, 2, 1), 0.09)).toBeLessThan(1e-15);
  });
});

describe("edge cases", () => {
  it("propagate NaN and handle infinities", () => {
    expect(normalSurvival(Number.NaN)).toBeNaN();
    expect(normalSurvival(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSurvival(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(chiSquareSurvival(Number.NaN, 1)).toBeNaN();
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(-1, 3)).toBe(1);
    expect(chiSquareSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(chiSquareCdf(0, 3)).toBe(0);
    expect(tSurvival(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(tSurvival(Number.NEGATIVE_INFINITY, 3)).toBe(1);
    expect(tSurvival(Number.NaN, 3)).toBeNaN();
    expect(lgamma(Number.NaN)).toBeNaN();
  });

  it("reject parameters outside their domain with a RangeError naming the function", () => {
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(-0.1)).toThrow(/normalQuantile/);
    expect(() => chiSquareSurvival(1, 0)).toThrow(/chiSquareSurvival/);
    expect(() => chiSquareCdf(1, Number.NaN)).toThrow(RangeError);
    expect(() => tSurvival(1, -2)).toThrow(/tSurvival/);
    expect(() => regularizedGammaQ(0, 1)).toThrow(RangeError);
    expect(() => regularizedGammaP(1, -1)).toThrow(RangeError);
    expect(() => regularizedBeta(1.2, 1, 1)).toThrow(RangeError);
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow(RangeError);
  });
});
