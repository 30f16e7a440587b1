import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertySettings } from "../property-settings";
import { buildConditionedSpd, conditionedSpdMatrix } from "./conditioned-spd-matrix";

describe("conditionedSpdMatrix", () => {
  it("builds exactly symmetric matrices whose eigenpairs are the prescribed ones", () => {
    fc.assert(
      fc.property(conditionedSpdMatrix({ maxOrder: 10, scaleExponent: 20 }), (draw) => {
        const { n, matrix: a, eigenvalues: lambda, eigenvectors: q } = draw;
        const largest = lambda[n - 1];
        for (let j = 0; j < n; j++)
          for (let i = 0; i < n; i++) expect(a[i + j * n]).toBe(a[j + i * n]);
        for (let k = 1; k < n; k++) expect(lambda[k]).toBeGreaterThanOrEqual(lambda[k - 1]);
        expect(draw.condition).toBeCloseTo(largest / lambda[0], 6);
        for (let k = 0; k < n; k++) {
          for (let l = 0; l < n; l++) {
            let dot = 0;
            for (let i = 0; i < n; i++) dot += q[i + k * n] * q[i + l * n];
            expect(Math.abs(dot - (k === l ? 1 : 0))).toBeLessThanOrEqual(16 * n * Number.EPSILON);
          }
          // ‖A·q_k − λ_k·q_k‖∞ is rounding in forming A: a few n·ε·λmax.
          for (let i = 0; i < n; i++) {
            let sum = 0;
            for (let j = 0; j < n; j++) sum += a[i + j * n] * q[j + k * n];
            expect(Math.abs(sum - lambda[k] * q[i + k * n])).toBeLessThanOrEqual(
              16 * n * Number.EPSILON * largest,
            );
          }
        }
      }),
      propertySettings,
    );
  });

  it("reaches condition numbers up to 1e12 and spreads them over the decades", () => {
    const conditions = fc.sample(conditionedSpdMatrix({ minOrder: 2 }), { seed: 42, numRuns: 300 });
    const decades = new Set(conditions.map((draw) => Math.floor(Math.log10(draw.condition))));
    expect(Math.max(...conditions.map((draw) => draw.condition))).toBeGreaterThan(1e11);
    expect(Math.max(...conditions.map((draw) => draw.condition))).toBeLessThanOrEqual(
      1e12 * (1 + 1e-12),
    );
    for (let decade = 0; decade < 12; decade++) expect(decades.has(decade)).toBe(true);
  });

  it("gives the prescribed extreme eigenvalues for a fixed case", () => {
    const draw = buildConditionedSpd(6, 1e8, "geometric", 4, 7);
    expect(draw.eigenvalues[5]).toBe(4);
    expect(draw.eigenvalues[0]).toBe(4e-8);
    expect(draw.condition).toBeCloseTo(1e8, 0);
    // Geometric spacing: consecutive ratios all 10^(8/5).
    for (let k = 1; k < 6; k++) {
      expect(draw.eigenvalues[k] / draw.eigenvalues[k - 1]).toBeCloseTo(10 ** 1.6, 8);
    }
  });

  it("rejects bad options", () => {
    expect(() => conditionedSpdMatrix({ minOrder: 0 })).toThrow(RangeError);
    expect(() => conditionedSpdMatrix({ minOrder: 5, maxOrder: 4 })).toThrow(RangeError);
    expect(() => conditionedSpdMatrix({ maxCondition: 0.5 })).toThrow(RangeError);
  });
});
