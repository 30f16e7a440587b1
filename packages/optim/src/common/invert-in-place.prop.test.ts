import { propertySettings } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invertInPlace } from "./invert-in-place";

/** Diagonally dominant (so invertible) but unsymmetric and needing pivoting when permuted. */
const invertibleMatrix = fc.integer({ min: 1, max: 8 }).chain((m) =>
  fc
    .tuple(
      fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: m * m, maxLength: m * m }),
      fc.shuffledSubarray(
        Array.from({ length: m }, (_, i) => i),
        { minLength: m, maxLength: m },
      ),
    )
    .map(([entries, permutation]) => {
      const a = new Float64Array(m * m);
      for (let j = 0; j < m; j++) {
        for (let i = 0; i < m; i++) {
          // Row permutation of a dominant matrix: partial pivoting has to find the big entries.
          const row = permutation[i];
          a[row + j * m] = entries[i + j * m] + (i === j ? m + 1 : 0);
        }
      }
      return { m, a };
    }),
);

describe("invertInPlace", () => {
  it("returns A⁻¹ with A·A⁻¹ = I", () => {
    fc.assert(
      fc.property(invertibleMatrix, ({ m, a }) => {
        const inverse = Float64Array.from(a);
        expect(invertInPlace(inverse, m, new Int32Array(m))).toBe(true);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) {
            let sum = 0;
            for (let k = 0; k < m; k++) sum += a[i + k * m] * inverse[k + j * m];
            expect(Math.abs(sum - (i === j ? 1 : 0))).toBeLessThan(1e-12);
          }
        }
      }),
      propertySettings,
    );
  });

  it("reports a singular matrix", () => {
    const singular = Float64Array.of(1, 2, 2, 4);
    expect(invertInPlace(singular, 2, new Int32Array(2))).toBe(false);
    expect(invertInPlace(new Float64Array(4), 2, new Int32Array(2))).toBe(false);
    expect(invertInPlace(Float64Array.of(Number.NaN), 1, new Int32Array(1))).toBe(false);
  });
});
