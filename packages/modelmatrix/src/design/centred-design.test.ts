import { describe, expect, it } from "vitest";
import { centredAboutIntercept } from "./centred-design";
import { independentColumns } from "./fixed-effects-rank";

// Issue 12, "Large offsets in the response or predictors": whether a predictor is kept must not
// depend on where its origin is. R's qr() (and this, before) dropped x + 1e8 next to an
// intercept, because its spread is below 1e-7 of its norm.
const matrix = (...columns: number[][]) => Float64Array.from(columns.flat());
const ones = [1, 1, 1, 1, 1, 1];
const days = [0, 1, 2, 3, 4, 5];

describe("the rank decision with an intercept", () => {
  for (const shift of [1e4, 1e8, 1e12]) {
    it(`keeps x + ${shift} as it keeps x, and drops 2(x + ${shift}) after it`, () => {
      const shifted = days.map((d) => d + shift);
      expect(Array.from(independentColumns(matrix(ones, shifted), 6, 2))).toEqual([0, 1]);
      const doubled = shifted.map((v) => 2 * v);
      expect(Array.from(independentColumns(matrix(ones, shifted, doubled), 6, 3))).toEqual([0, 1]);
      // 24·days + shift is days again, up to the intercept.
      const hours = days.map((d) => 24 * d + shift);
      expect(Array.from(independentColumns(matrix(ones, days, hours), 6, 3))).toEqual([0, 1]);
    });
  }

  it("still drops a constant column, however far from 0", () => {
    for (const value of [3, 1e12, -1e300]) {
      const constant = ones.map(() => value);
      expect(Array.from(independentColumns(matrix(ones, constant, days), 6, 3))).toEqual([0, 2]);
    }
    // Variation in the last bits only is constant too.
    const rounding = ones.map((_, t) => 1e12 + (t % 2) * 2 ** -12);
    expect(Array.from(independentColumns(matrix(ones, rounding, days), 6, 3))).toEqual([0, 2]);
  });

  it("centres only when column 0 is a nonzero constant", () => {
    expect(centredAboutIntercept(matrix(days, ones), 6, 2)).toBeNull();
    expect(centredAboutIntercept(matrix([0, 0, 0, 0, 0, 0], days), 6, 2)).toBeNull();
    const centred = centredAboutIntercept(
      matrix(
        ones,
        days.map((d) => d + 1e12),
      ),
      6,
      2,
    );
    expect(Array.from(centred?.subarray(6) ?? [])).toEqual([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]);
  });
});
