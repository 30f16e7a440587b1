import { describe, expect, it } from "vitest";
import { independentColumns } from "./fixed-effects-rank";

/** Column-major n×p from columns. */
const matrix = (...columns: number[][]) => Float64Array.from(columns.flat());

describe("independentColumns", () => {
  it("keeps every column of a full-rank X", () => {
    const x = matrix([1, 1, 1, 1], [0, 1, 2, 3], [0, 1, 4, 9]);
    expect(Array.from(independentColumns(x, 4, 3, true))).toEqual([0, 1, 2]);
  });

  it("keeps the intercept even when the pivoting passes over it", () => {
    // a + b = 10·1 and both have larger norms than the intercept, so plain pivoting drops it.
    const a = [10, 10, 0, 0, 10, 0];
    const b = a.map((v) => 10 - v);
    const x = matrix([1, 1, 1, 1, 1, 1], a, b);
    expect(Array.from(independentColumns(x, 6, 3, false))).toEqual([1, 2]);
    const kept = Array.from(independentColumns(x, 6, 3, true));
    expect(kept).toHaveLength(2);
    expect(kept[0]).toBe(0);
  });

  it("drops a column within 1e-8 relative of the span of the others, but not one outside", () => {
    const x1 = [1, 2, 3, 4, 5];
    const nearlyDependent = x1.map((v, i) => 2 * v + (i === 0 ? 1e-12 : 0));
    const independent = x1.map((v, i) => 2 * v + (i === 0 ? 1e-3 : 0));
    const ones = [1, 1, 1, 1, 1];
    expect(independentColumns(matrix(ones, x1, nearlyDependent), 5, 3, true)).toHaveLength(2);
    expect(independentColumns(matrix(ones, x1, independent), 5, 3, true)).toHaveLength(3);
  });

  it("returns kept columns in increasing order and handles p = 0 and a zero column", () => {
    const x = matrix([0, 1, 0, 1], [0, 0, 0, 0], [1, 0, 1, 0]);
    expect(Array.from(independentColumns(x, 4, 3, false))).toEqual([0, 2]);
    expect(independentColumns(new Float64Array(0), 4, 0, false)).toHaveLength(0);
  });
});
