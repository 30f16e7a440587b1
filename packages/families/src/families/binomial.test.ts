import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { familyProperties } from "../../test/family-properties";
import { binomialFamily } from "./binomial";

const trialsAndSuccesses = fc
  .integer({ min: 1, max: 500 })
  .chain((n) => fc.record({ n: fc.constant(n), k: fc.integer({ min: 0, max: n }) }));

describe("binomialFamily", () => {
  familyProperties(
    binomialFamily,
    fc
      .record({
        counts: trialsAndSuccesses,
        mu: fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true }),
      })
      .map(({ counts, mu }) => ({ y: counts.k / counts.n, mu, weight: counts.n, dispersion: 1 })),
    0.5,
    [-0.1, 1.5, Number.NaN],
  );

  it("rejects non-positive trials, naming the weights column and row", () => {
    expect(() =>
      binomialFamily.checkResponse([0.5, 0.25], {
        column: "p",
        weights: [2, 0],
        weightsColumn: "size",
      }),
    ).toThrow(/'size' is 0 in row 1; the number of binomial trials must be positive/);
  });

  it("warns once, with a count and the first row, for non-integer successes and trials", () => {
    const warnings = binomialFamily.checkResponse([0.5, 0.3, 0.25, 0.1], {
      column: "p",
      weights: [2, 5, 4.5, 3],
      weightsColumn: "size",
      rows: [10, 11, 12, 13],
    });
    expect(warnings.map((w) => [w.code, w.column, w.count, w.firstRow])).toEqual([
      ["non-integer-trials", "size", 1, 12],
      ["non-integer-successes", "p", 3, 11],
    ]);
  });
});
