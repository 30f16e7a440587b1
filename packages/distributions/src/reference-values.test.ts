import { describe, expect, it } from "vitest";
import reference from "../test/fixtures/reference-values.json" with { type: "json" };
import {
  chiSquareCdf,
  chiSquareSurvival,
  lgamma,
  normalCdf,
  normalQuantile,
  normalSurvival,
  regularizedBeta,
  regularizedBetaTails,
  regularizedGammaP,
  regularizedGammaQ,
  tCdf,
  tSurvival,
} from "./index";

/** The requirement: 1e-12 relative wherever the reference value is above 1e-300. */
const RELATIVE = 1e-12;

function expectClose(actual: number, expected: number, label: string): void {
  if (Math.abs(expected) < 1e-300) {
    expect(Math.abs(actual), label).toBeLessThan(1e-290);
    return;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  expect(error, `${label}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(RELATIVE);
}

describe("agreement with R to 1e-12 relative", () => {
  it("normal tails, including normalSurvival(37) ≈ 5.7e-300", () => {
    const { x, upper, lower } = reference.normal;
    x.forEach((z, i) => {
      expectClose(normalSurvival(z), upper[i], `normalSurvival(${z})`);
      expectClose(normalCdf(z), lower[i], `normalCdf(${z})`);
    });
  });

  it("normal quantile", () => {
    const { p, q } = reference.normalQuantile;
    p.forEach((probability, i) => {
      expectClose(normalQuantile(probability), q[i], `normalQuantile(${probability})`);
    });
  });

  it("chi-square tails over x in [1e-10, 1300] and df in [0.5, 1000]", () => {
    const { x, df, upper, lower } = reference.chiSquare;
    x.forEach((value, i) => {
      expectClose(
        chiSquareSurvival(value, df[i]),
        upper[i],
        `chiSquareSurvival(${value}, ${df[i]})`,
      );
      expectClose(chiSquareCdf(value, df[i]), lower[i], `chiSquareCdf(${value}, ${df[i]})`);
    });
  });

  it("regularized incomplete gamma P and Q", () => {
    const { a, x, p, q } = reference.gamma;
    a.forEach((shape, i) => {
      expectClose(regularizedGammaQ(shape, x[i]), q[i], `Q(${shape}, ${x[i]})`);
      expectClose(regularizedGammaP(shape, x[i]), p[i], `P(${shape}, ${x[i]})`);
    });
  });

  it("Student t tails over t in [-40, 1e20] and df in [1, 1e4]", () => {
    const { t, df, upper, lower } = reference.t;
    t.forEach((value, i) => {
      expectClose(tSurvival(value, df[i]), upper[i], `tSurvival(${value}, ${df[i]})`);
      expectClose(tCdf(value, df[i]), lower[i], `tCdf(${value}, ${df[i]})`);
    });
  });

  it("400 random Student t points, df from 0.5 to 1e5, values down to 1e-300", () => {
    const { t, df, upper } = reference.tRandom;
    t.forEach((value, i) => {
      expectClose(tSurvival(value, df[i]), upper[i], `tSurvival(${value}, ${df[i]})`);
    });
  });

  it("400 random chi-square points, df from 0.1 to 1e4, both tails", () => {
    const { x, df, upper, lower } = reference.chiSquareRandom;
    x.forEach((value, i) => {
      expectClose(
        chiSquareSurvival(value, df[i]),
        upper[i],
        `chiSquareSurvival(${value}, ${df[i]})`,
      );
      expectClose(chiSquareCdf(value, df[i]), lower[i], `chiSquareCdf(${value}, ${df[i]})`);
    });
  });

  it("regularized incomplete beta and its complement", () => {
    const { x, a, b, value, upper } = reference.beta;
    x.forEach((point, i) => {
      expectClose(regularizedBeta(point, a[i], b[i]), value[i], `I(${point}; ${a[i]}, ${b[i]})`);
      expectClose(
        regularizedBetaTails(point, 1 - point, a[i], b[i]).upper,
        upper[i],
        `1 - I(${point}; ${a[i]}, ${b[i]})`,
      );
    });
  });

  it("lgamma, to a few ulps of max(1, |lgamma|)", () => {
    const { x, value } = reference.lgamma;
    x.forEach((point, i) => {
      const tolerance = 1e-14 * Math.max(1, Math.abs(value[i]));
      expect(Math.abs(lgamma(point) - value[i]), `lgamma(${point})`).toBeLessThanOrEqual(tolerance);
    });
  });
});
