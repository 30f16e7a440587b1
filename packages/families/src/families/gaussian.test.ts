import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familyProperties, positive } from "../../test/family-properties";
import { gaussianFamily } from "./gaussian";

describe("gaussianFamily", () => {
  familyProperties(
    gaussianFamily,
    fc.record({
      y: fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      mu: positive(1e-3, 1e3),
      weight: fc.constantFrom(1, 4, 0.5),
      dispersion: positive(0.01, 100),
    }),
    -1,
    [Number.NaN, Infinity],
  );

  it("treats a prior weight as a precision", () => {
    expect(gaussianFamily.logDensity(1, 0, 4, 1)).toBeCloseTo(
      -0.5 * Math.log((2 * Math.PI) / 4) - 2,
      14,
    );
    expect(gaussianFamily.logDensity(1, 0, 0, 1)).toBe(0);
  });
});
