import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familyProperties, positive } from "../../test/family-properties";
import { inverseGaussianFamily } from "./inverse-gaussian";

describe("inverseGaussianFamily", () => {
  familyProperties(
    inverseGaussianFamily,
    fc.record({
      y: positive(1e-3, 1e3),
      mu: positive(1e-3, 1e3),
      weight: fc.constantFrom(1, 0.25),
      dispersion: positive(0.01, 10),
    }),
    2,
    [0, -1, Infinity],
  );

  it("has a dispersion parameter and the 1/mu^2 link", () => {
    expect(inverseGaussianFamily.hasDispersion).toBe(true);
    expect(inverseGaussianFamily.canonicalLink).toBe("1/mu^2");
  });
});
