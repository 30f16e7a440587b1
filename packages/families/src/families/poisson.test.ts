import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familyProperties, positive } from "../../test/family-properties";
import { poissonFamily } from "./poisson";

describe("poissonFamily", () => {
  familyProperties(
    poissonFamily,
    fc.record({
      y: fc.integer({ min: 0, max: 10_000 }),
      mu: positive(1e-6, 1e5),
      weight: fc.constantFrom(1, 2, 0.5),
      dispersion: fc.constant(1),
    }),
    3,
    [-1, -1e-9, Number.NaN, -Infinity],
  );

  it("gives one warning for all non-integer counts, not one per row", () => {
    const warnings = poissonFamily.checkResponse([1, 2.5, 3, 0.25, 7.5], { column: "ticks" });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({
      code: "non-integer-counts",
      column: "ticks",
      count: 3,
      firstRow: 1,
    });
    expect(poissonFamily.checkResponse([0, 1, 2.0000001], { column: "ticks" })).toEqual([]);
  });
});
