import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familyProperties, positive } from "../../test/family-properties";
import { gammaFamily } from "./gamma";

describe("gammaFamily", () => {
  familyProperties(
    gammaFamily,
    fc.record({
      y: positive(1e-4, 1e4),
      mu: positive(1e-4, 1e4),
      weight: fc.constantFrom(1, 3),
      dispersion: positive(0.01, 10),
    }),
    2,
    [0, -2, Number.NaN],
  );

  it("has a dispersion parameter and the inverse link", () => {
    expect(gammaFamily.hasDispersion).toBe(true);
    expect(gammaFamily.canonicalLink).toBe("inverse");
  });
});
