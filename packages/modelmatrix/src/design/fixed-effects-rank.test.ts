import { describe, expect, it } from "vitest";
import { independentColumns } from "./fixed-effects-rank";

/** Column-major n×p from columns. */
const matrix = (...columns: number[][]) => Float64Array.from(columns.flat());

describe("independentColumns", () => {
  it("keeps every column of a full-rank X", () => {
    const x = matrix([1, 1, 1, 1], [0, 1, 2, 3], [0, 1, 4, 9]);
    expect(Array.from(independentColumns(x, 4, 3))).toEqual([0, 1, 2]);
  });

  it("keeps the intercept and drops the later of two dependent columns, whatever the norms", () => {
    // a + b = 10·1 and both have larger norms than the intercept: a norm-pivoted QR drops the
    // intercept; lme4 (and this) keep it and drop b.
    const a = [10, 10, 0, 0, 10, 0];
    const b = a.map((v) => 10 - v);
    expect(Array.from(independentColumns(matrix([1, 1, 1, 1, 1, 1], a, b), 6, 3))).toEqual([0, 1]);
    // Hours = 24·Days: Hours, the later column, is dropped although its norm is larger.
    const days = [0, 1, 2, 3, 4, 5];
    const hours = days.map((d) => 24 * d);
    const ones = [1, 1, 1, 1, 1, 1];
    expect(Array.from(independentColumns(matrix(ones, days, hours), 6, 3))).toEqual([0, 1]);
    expect(Array.from(independentColumns(matrix(ones, hours, days), 6, 3))).toEqual([0, 1]);
  });

  it("drops a column within 1e-7 relative of the span of the others, but not one outside", () => {
    const x1 = [1, 2, 3, 4, 5];
    const nearlyDependent = x1.map((v, i) => 2 * v + (i === 0 ? 1e-12 : 0));
    const independent = x1.map((v, i) => 2 * v + (i === 0 ? 1e-3 : 0));
    const ones = [1, 1, 1, 1, 1];
    expect(Array.from(independentColumns(matrix(ones, x1, nearlyDependent), 5, 3))).toEqual([0, 1]);
    expect(independentColumns(matrix(ones, x1, independent), 5, 3)).toHaveLength(3);
  });

  it("returns kept columns in increasing order and handles p = 0 and a zero column", () => {
    const x = matrix([0, 1, 0, 1], [0, 0, 0, 0], [1, 0, 1, 0]);
    expect(Array.from(independentColumns(x, 4, 3))).toEqual([0, 2]);
    expect(independentColumns(new Float64Array(0), 4, 0)).toHaveLength(0);
  });

  it("keeps at most as many columns as there are distinct rows", () => {
    const x = matrix([1, 1, 1], [1, 2, 3], [1, 4, 9], [1, 8, 27]);
    expect(Array.from(independentColumns(x, 3, 4))).toEqual([0, 1, 2]);
  });
});
