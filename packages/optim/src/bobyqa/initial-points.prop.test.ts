import { propertySettings } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { axisPositions } from "./initial-points";

describe("axisPositions", () => {
  it("gives two distinct positions inside the box, other than x, the first ρ away (to rounding)", () => {
    const box = fc
      .record({
        rho: fc.double({ min: 1e-6, max: 10, noNaN: true }),
        extra: fc.double({ min: 0, max: 3, noNaN: true }),
        lower: fc.double({ min: -100, max: 100, noNaN: true }),
        position: fc.double({ min: 0, max: 1, noNaN: true }),
        onBound: fc.constantFrom("none", "lower", "upper"),
      })
      .map(({ rho, extra, lower, position, onBound }) => {
        const upper = lower + (2 + extra) * rho;
        const x =
          onBound === "lower"
            ? lower
            : onBound === "upper"
              ? upper
              : lower + position * (upper - lower);
        return { rho, lower, upper, x };
      });
    fc.assert(
      fc.property(box, ({ rho, lower, upper, x }) => {
        const { first, second } = axisPositions(x, lower, upper, rho);
        const rounding =
          1e-9 * rho + 8 * Number.EPSILON * Math.max(Math.abs(x), Math.abs(lower), Math.abs(upper));
        expect(Math.abs(Math.abs(first - x) - rho)).toBeLessThanOrEqual(rounding);
        expect(second).not.toBe(x);
        expect(second).not.toBe(first);
        for (const position of [first, second]) {
          expect(position).toBeGreaterThanOrEqual(lower);
          expect(position).toBeLessThanOrEqual(upper);
        }
      }),
      propertySettings,
    );
  });

  it("steps ±ρ from an interior start and +ρ, +2ρ from a start on the lower bound", () => {
    expect(axisPositions(0, -5, 5, 1)).toEqual({ first: 1, second: -1 });
    expect(axisPositions(0, 0, Number.POSITIVE_INFINITY, 0.75)).toEqual({
      first: 0.75,
      second: 1.5,
    });
    expect(axisPositions(1, Number.NEGATIVE_INFINITY, 1, 0.5)).toEqual({ first: 0.5, second: 0 });
  });
});
