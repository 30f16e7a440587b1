import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  chiSquareCdf,
  chiSquareSurvival,
  normalCdf,
  normalQuantile,
  normalSurvival,
  regularizedBetaTails,
  regularizedGammaTails,
  tSurvival,
} from "./index";

const RUNS = { numRuns: 200 };
const z = fc.double({ min: -37, max: 37, noNaN: true });
const positiveDf = fc.double({ min: 0.2, max: 2000, noNaN: true });
const chiX = fc.double({ min: 0, max: 3000, noNaN: true });
const tValue = fc.double({ min: -200, max: 200, noNaN: true });

function close(actual: number, expected: number, relative: number): boolean {
  return Math.abs(actual - expected) <= relative * Math.max(Math.abs(expected), 1e-300);
}

describe("normal distribution properties", () => {
  it("cdf + survival = 1", () => {
    fc.assert(
      fc.property(z, (value) => close(normalCdf(value) + normalSurvival(value), 1, 4e-16)),
      RUNS,
    );
  });

  it("is symmetric: survival(z) = cdf(−z), bit for bit", () => {
    fc.assert(
      fc.property(z, (value) => normalSurvival(value) === normalCdf(-value)),
      RUNS,
    );
  });

  it("is monotone: a larger z has a smaller upper tail", () => {
    fc.assert(
      fc.property(z, z, (a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return normalSurvival(low) >= normalSurvival(high);
      }),
      RUNS,
    );
  });

  it("quantile inverts cdf: quantile(cdf(z)) ≈ z in the lower half, where p carries the digits", () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 0, noNaN: true }), (value) => {
        const back = normalQuantile(normalCdf(value));
        return Math.abs(back - value) <= 1e-13 * Math.max(1, Math.abs(value));
      }),
      RUNS,
    );
  });

  it("cdf inverts quantile: cdf(quantile(p)) ≈ p", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1, noNaN: true }), (p) =>
        close(normalCdf(normalQuantile(p)), p, 1e-13 * Math.max(1, -Math.log(p))),
      ),
      RUNS,
    );
  });
});

describe("chi-square and gamma properties", () => {
  it("cdf + survival = 1", () => {
    fc.assert(
      fc.property(chiX, positiveDf, (x, df) =>
        close(chiSquareCdf(x, df) + chiSquareSurvival(x, df), 1, 1e-15),
      ),
      RUNS,
    );
  });

  it("survival decreases in x and increases in df", () => {
    fc.assert(
      fc.property(chiX, chiX, positiveDf, (a, b, df) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return chiSquareSurvival(low, df) >= chiSquareSurvival(high, df);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(chiX, positiveDf, positiveDf, (x, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        // Allow rounding where both are essentially equal.
        return chiSquareSurvival(x, low) <= chiSquareSurvival(x, high) * (1 + 1e-13);
      }),
      RUNS,
    );
  });

  it("one degree of freedom is the square of a normal: P(χ²₁ > z²) = 2·P(Z > |z|)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 37, noNaN: true }), (value) =>
        close(chiSquareSurvival(value * value, 1), 2 * normalSurvival(value), 1e-12),
      ),
      RUNS,
    );
  });

  it("the tails stay in [0, 1]", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e4, noNaN: true }), chiX, (a, x) => {
        const { lower, upper } = regularizedGammaTails(a, x);
        return lower >= 0 && lower <= 1 && upper >= 0 && upper <= 1;
      }),
      RUNS,
    );
  });
});

describe("Student t and beta properties", () => {
  it("is symmetric: P(T > t) + P(T > −t) = 1", () => {
    fc.assert(
      fc.property(tValue, positiveDf, (t, df) =>
        close(tSurvival(t, df) + tSurvival(-t, df), 1, 1e-15),
      ),
      RUNS,
    );
  });

  it("is monotone in t", () => {
    fc.assert(
      fc.property(tValue, tValue, positiveDf, (a, b, df) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        return tSurvival(low, df) >= tSurvival(high, df);
      }),
      RUNS,
    );
  });

  it("approaches the normal tail as df grows (|difference| below 1/df)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        (t) => Math.abs(tSurvival(t, 1e6) - normalSurvival(t)) < 1e-6,
      ),
      RUNS,
    );
  });

  it("beta tails add to one and satisfy I_x(a, b) = 1 − I_(1−x)(b, a)", () => {
    const shape = fc.double({ min: 0.05, max: 500, noNaN: true });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), shape, shape, (x, a, b) => {
        const forward = regularizedBetaTails(x, 1 - x, a, b);
        const mirrored = regularizedBetaTails(1 - x, x, b, a);
        expect(forward.lower + forward.upper).toBeCloseTo(1, 14);
        expect(close(forward.lower, mirrored.upper, 1e-12) || forward.lower < 1e-290).toBe(true);
      }),
      RUNS,
    );
  });
});
