import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "../dense/random-matrices";
import { analyzeSparseCholesky } from "./analyze-sparse-cholesky";
import {
  sparseCholeskyCostEstimate,
  sparseCholeskyFlopRatioLowerBound,
} from "./sparse-cholesky-cost";

/** A random lower-triangle pattern (CSC, diagonal first in each column) of the given density. */
function randomLowerPattern(seed: number, n: number, density: number) {
  const random = createRandom(seed);
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  for (let j = 0; j < n; j++) {
    rows.push(j);
    for (let i = j + 1; i < n; i++) if (random() < density) rows.push(i);
    colPtr[j + 1] = rows.length;
  }
  return { colPtr, rowIdx: Int32Array.from(rows) };
}

describe("sparseCholeskyFlopRatioLowerBound", () => {
  it("never exceeds the flop ratio the analysis finds, for any ordering and density", () => {
    const cases = fc.record({
      n: fc.integer({ min: 1, max: 120 }),
      density: fc.double({ min: 0, max: 1, noNaN: true }),
      ordering: fc.constantFrom("minimum-degree" as const, "natural" as const),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(cases, ({ n, density, ordering, seed }) => {
        const { colPtr, rowIdx } = randomLowerPattern(seed, n, density);
        const { flopRatio } = sparseCholeskyCostEstimate(
          analyzeSparseCholesky(n, colPtr, rowIdx, { ordering }),
        );
        expect(sparseCholeskyFlopRatioLowerBound(n, colPtr[n])).toBeLessThanOrEqual(
          flopRatio * (1 + 1e-12),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("is 3(n+1)/(2(2n+1)) for a full triangle, whose factor does all the dense flops", () => {
    for (const n of [1, 2, 10, 300]) {
      const full = (n * (n + 1)) / 2;
      expect(sparseCholeskyFlopRatioLowerBound(n, full)).toBeCloseTo(
        (3 * (n + 1)) / (2 * (2 * n + 1)),
        12,
      );
    }
    // A diagonal pattern: n entries, bound n / Σ c² = 6 / ((n+1)(2n+1)), the exact ratio.
    expect(sparseCholeskyFlopRatioLowerBound(100, 100)).toBeCloseTo(6 / (101 * 201), 15);
    expect(sparseCholeskyFlopRatioLowerBound(0, 0)).toBe(0);
  });
});
