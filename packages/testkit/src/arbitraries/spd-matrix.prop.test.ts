import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertySettings } from "../property-settings";
import { spdMatrix } from "./spd-matrix";

/** Cholesky succeeds exactly for symmetric positive-definite input. */
function choleskySucceeds(a: Float64Array, n: number): boolean {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diagonal = a[j + j * n];
    for (let k = 0; k < j; k++) diagonal -= l[j + k * n] ** 2;
    if (!(diagonal > 0)) return false;
    l[j + j * n] = Math.sqrt(diagonal);
    for (let i = j + 1; i < n; i++) {
      let sum = a[i + j * n];
      for (let k = 0; k < j; k++) sum -= l[i + k * n] * l[j + k * n];
      l[i + j * n] = sum / l[j + j * n];
    }
  }
  return true;
}

describe("spdMatrix", () => {
  it("generates symmetric positive-definite matrices with a diagonal of at least n", () => {
    const arbitrary = fc
      .integer({ min: 1, max: 6 })
      .chain((n) => spdMatrix(n).map((a) => ({ n, a })));
    fc.assert(
      fc.property(arbitrary, ({ n, a }) => {
        expect(a.length).toBe(n * n);
        for (let j = 0; j < n; j++) {
          expect(a[j + j * n]).toBeGreaterThanOrEqual(n);
          for (let i = 0; i < n; i++) expect(a[i + j * n]).toBe(a[j + i * n]);
        }
        expect(choleskySucceeds(a, n)).toBe(true);
      }),
      propertySettings,
    );
  });
  it("rejects a non-positive size", () => {
    expect(() => spdMatrix(0)).toThrow(RangeError);
  });
});
