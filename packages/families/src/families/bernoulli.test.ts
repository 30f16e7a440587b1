import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familyProperties } from "../../test/family-properties";
import { bernoulliFamily } from "./bernoulli";

describe("bernoulliFamily", () => {
  familyProperties(
    bernoulliFamily,
    fc.record({
      y: fc.constantFrom(0, 1),
      mu: fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }),
      weight: fc.integer({ min: 1, max: 20 }),
      dispersion: fc.constant(1),
    }),
    1,
    [0.5, -1, 2, Number.NaN, Infinity],
  );

  it("has no dispersion, the logit link and a symmetric deviance: d(1, μ) = d(0, 1 − μ)", () => {
    expect(bernoulliFamily.hasDispersion).toBe(false);
    expect(bernoulliFamily.canonicalLink).toBe("logit");
    expect(bernoulliFamily.unitDeviance(1, 0.2)).toBeCloseTo(-2 * Math.log(0.2), 15);
    expect(bernoulliFamily.unitDeviance(0, 0.8)).toBeCloseTo(-2 * Math.log(0.2), 14);
  });
});
