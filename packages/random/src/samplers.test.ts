import {
  chiSquareSurvival,
  normalCdf,
  regularizedBeta,
  regularizedGammaQ,
} from "@mixedmodels/distributions";
import { describe, expect, it } from "vitest";
import { bernoulli, binomial, poisson } from "./discrete";
import { fillNormal } from "./normal";
import { RandomStream } from "./random-stream";

/** Sample mean, variance, skewness and excess kurtosis. */
function moments(values: ArrayLike<number>) {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    mean,
    variance: (m2 * n) / (n - 1),
    skewness: m3 / m2 ** 1.5,
    kurtosis: m4 / m2 ** 2 - 3,
  };
}

/**
 * Pearson's χ² of counts against cell probabilities from a CDF (cells pooled until each expects
 * at least 5), and its p-value.
 */
function chiSquareTest(draws: ArrayLike<number>, cdf: (k: number) => number, maxValue: number) {
  const n = draws.length;
  const counts = new Float64Array(maxValue + 2);
  for (let i = 0; i < n; i++) counts[Math.min(draws[i], maxValue + 1)]++;
  let statistic = 0;
  let cells = 0;
  let observed = 0;
  let previousCdf = 0;
  let cellStartCdf = 0;
  for (let k = 0; k <= maxValue + 1; k++) {
    const current = k <= maxValue ? cdf(k) : 1;
    observed += counts[k];
    const expected = n * (current - cellStartCdf);
    const restExpected = n * (1 - current);
    if ((expected >= 5 && restExpected >= 5) || k === maxValue + 1) {
      statistic += (observed - expected) ** 2 / expected;
      cells++;
      observed = 0;
      cellStartCdf = current;
    }
    previousCdf = current;
  }
  expect(previousCdf).toBe(1);
  return { statistic, df: cells - 1, p: chiSquareSurvival(statistic, cells - 1) };
}

describe("samplers at fixed seeds", () => {
  const n = 200_000;

  it("normal: moments within 4 standard errors and Kolmogorov–Smirnov against Φ", () => {
    const draws = fillNormal(RandomStream.fromSeed(2024), new Float64Array(n));
    const m = moments(draws);
    expect(Math.abs(m.mean)).toBeLessThan(4 * Math.sqrt(1 / n));
    expect(Math.abs(m.variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(m.skewness)).toBeLessThan(4 * Math.sqrt(6 / n));
    expect(Math.abs(m.kurtosis)).toBeLessThan(4 * Math.sqrt(24 / n));
    const sorted = Float64Array.from(draws).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const F = normalCdf(sorted[i]);
      d = Math.max(d, (i + 1) / n - F, F - i / n);
    }
    // 1.95 / √n is the 0.1% critical value of the KS statistic.
    expect(d * Math.sqrt(n)).toBeLessThan(1.95);
  });

  for (const lambda of [0.03, 0.7, 4.5, 37.2, 2500]) {
    it(`poisson(${lambda}): mean and variance, χ² goodness of fit against the gamma-function CDF`, () => {
      const stream = RandomStream.fromSeed(Math.round(lambda * 1000));
      const count = 100_000;
      const draws = Float64Array.from({ length: count }, () => poisson(stream, lambda));
      const m = moments(draws);
      expect(Math.abs(m.mean - lambda)).toBeLessThan(4 * Math.sqrt(lambda / count));
      expect(Math.abs(m.variance / lambda - 1)).toBeLessThan(
        4 * Math.sqrt((2 + 1 / lambda) / count),
      );
      const maxValue = Math.ceil(lambda + 10 * Math.sqrt(lambda) + 10);
      const test = chiSquareTest(draws, (k) => regularizedGammaQ(k + 1, lambda), maxValue);
      expect(test.df).toBeGreaterThan(0);
      expect(test.p).toBeGreaterThan(1e-3);
    });
  }

  for (const [trials, p] of [
    [1, 0.3],
    [12, 0.05],
    [34, 0.41],
    [20, 0.93],
    [5000, 0.2],
  ] as const) {
    it(`binomial(${trials}, ${p}): mean and variance, χ² goodness of fit against the beta-function CDF`, () => {
      const stream = RandomStream.fromSeed(trials * 100 + Math.round(p * 100));
      const count = 100_000;
      const draws = Float64Array.from({ length: count }, () => binomial(stream, trials, p));
      const m = moments(draws);
      const variance = trials * p * (1 - p);
      expect(Math.abs(m.mean - trials * p)).toBeLessThan(4 * Math.sqrt(variance / count));
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.03);
      const cdf = (k: number) => (k >= trials ? 1 : regularizedBeta(1 - p, trials - k, k + 1));
      const test = chiSquareTest(draws, cdf, trials);
      expect(test.p).toBeGreaterThan(1e-3);
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThanOrEqual(trials);
    });
  }

  it("bernoulli: frequency of ones within 4 standard errors; edge probabilities are exact", () => {
    const stream = RandomStream.fromSeed(5);
    let ones = 0;
    for (let i = 0; i < n; i++) ones += bernoulli(stream, 0.137);
    expect(Math.abs(ones / n - 0.137)).toBeLessThan(4 * Math.sqrt((0.137 * 0.863) / n));
    expect(bernoulli(stream, 0)).toBe(0);
    expect(bernoulli(stream, 1)).toBe(1);
    expect(binomial(stream, 9, 0)).toBe(0);
    expect(binomial(stream, 9, 1)).toBe(9);
    expect(poisson(stream, 0)).toBe(0);
  });

  it("rejects parameters outside the domain with a RangeError naming the sampler", () => {
    const stream = RandomStream.fromSeed(1);
    expect(() => poisson(stream, -1)).toThrow(/poisson/);
    expect(() => poisson(stream, Number.NaN)).toThrow(RangeError);
    expect(() => binomial(stream, 2.5, 0.1)).toThrow(/binomial/);
    expect(() => binomial(stream, 3, 1.1)).toThrow(RangeError);
    expect(() => bernoulli(stream, -0.1)).toThrow(RangeError);
  });
});
