import { propertySettings } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { atan, tan } from "./elementary";

describe("the deterministic atan and tan", () => {
  it("agree with the engine's Math.atan and Math.tan to a few ulps", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e20, max: 1e20, noNaN: true }), (x) => {
        const expected = Math.atan(x);
        return Math.abs(atan(x) - expected) <= 4 * Number.EPSILON * Math.abs(expected) + 1e-300;
      }),
      propertySettings,
    );
    fc.assert(
      fc.property(fc.double({ min: -1.5, max: 1.5, noNaN: true }), (x) => {
        const expected = Math.tan(x);
        return Math.abs(tan(x) - expected) <= 4 * Number.EPSILON * Math.abs(expected) + 1e-300;
      }),
      propertySettings,
    );
  });

  it("has the exact values at 0, ±1, ±∞ and NaN", () => {
    expect(atan(0)).toBe(0);
    expect(atan(1)).toBeCloseTo(Math.PI / 4, 16);
    expect(atan(-Infinity)).toBe(-Math.PI / 2);
    expect(atan(Number.NaN)).toBeNaN();
  });
});
