import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centredAboutIntercept } from "./centred-design";
import { distinctRowsWeighted } from "./distinct-rows";
import { equalRows } from "./equal-rows";
import { weightedDistinctCentredRows } from "./fixed-effects-rank";

/**
 * An n×p design drawn from `levels` distinct rows: an intercept (or not), then columns of small
 * integers, values far from 0, a nearly constant column and signed zeros.
 */
function categoricalDesign(seed: number, n: number, p: number, levels: number, intercept: boolean) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const patterns = Array.from({ length: levels }, () =>
    Array.from({ length: p }, (_, j) => {
      if (j === 0) return intercept ? 1 : Math.floor(random() * 3);
      const kind = j % 4;
      if (kind === 0) return 1e8 + Math.floor(random() * 3);
      if (kind === 1) return random() < 0.5 ? 0 : -0;
      if (kind === 2) return 1 + (random() < 0.5 ? 0 : 2 ** -50);
      return Math.floor(random() * 4);
    }),
  );
  const x = new Float64Array(n * p);
  for (let t = 0; t < n; t++) {
    const row = patterns[Math.floor(random() * levels)];
    for (let j = 0; j < p; j++) x[j * n + t] = row[j];
  }
  return x;
}

describe("equalRows and the rank decision's distinct rows", () => {
  it("give the same weighted distinct rows, bit for bit, as centring every row", () => {
    const cases = fc.record({
      seed: fc.integer(),
      n: fc.integer({ min: 1, max: 400 }),
      p: fc.integer({ min: 1, max: 7 }),
      levels: fc.integer({ min: 1, max: 120 }),
      intercept: fc.boolean(),
    });
    fc.assert(
      fc.property(cases, ({ seed, n, p, levels, intercept }) => {
        const x = categoricalDesign(seed, n, p, levels, intercept);
        const expected = distinctRowsWeighted(centredAboutIntercept(x, n, p) ?? x, n, p);
        const actual = weightedDistinctCentredRows(x, n, p);
        expect(actual.rows).toBe(expected.rows);
        expect(new Uint32Array(actual.matrix.buffer)).toEqual(
          new Uint32Array(expected.matrix.buffer),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("counts the classes of equal rows and gives up past the limit", () => {
    const x = Float64Array.from([1, 2, 1, 3, 2, 5, 6, 5, 7, 6]); // 5×2: rows (1,5) (2,6) (1,5) (3,7) (2,6)
    const classes = equalRows(x, 5, 2, 10);
    expect(Array.from(classes?.representatives ?? [])).toEqual([0, 1, 3]);
    expect(Array.from(classes?.counts ?? [])).toEqual([2, 2, 1]);
    expect(equalRows(x, 5, 2, 2)).toBeNull();
  });
});
