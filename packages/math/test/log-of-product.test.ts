import { describe, expect, it } from "vitest";
import { log, logOfProduct } from "../src/index";
import { xorshiftStream } from "./xorshift-stream";

/** The sum of the factors' logarithms, each by the engine's Math.log: the independent reference. */
function sumOfEngineLogs(values: readonly number[]): { sum: number; magnitude: number } {
  let sum = 0;
  let magnitude = 0;
  for (const x of values) {
    sum += Math.log(x);
    magnitude += Math.abs(Math.log(x));
  }
  return { sum, magnitude };
}

describe("logOfProduct", () => {
  it("agrees with a sum of logarithms on factors from 1e-300 to 1e300 (no overflow or underflow)", () => {
    const uniform = xorshiftStream(20261202);
    for (let trial = 0; trial < 300; trial++) {
      const count = 1 + Math.floor(uniform() * 200);
      // Exponents spread over ±300 decades in some trials, over ±3 (Cholesky diagonals) in others.
      const decades = trial % 3 === 0 ? 300 : 3;
      const values = Array.from({ length: count }, () => 10 ** ((2 * uniform() - 1) * decades));
      const { sum, magnitude } = sumOfEngineLogs(values);
      const tolerance = 4 * Number.EPSILON * (magnitude + count);
      expect(Math.abs(logOfProduct(values, 0, 1, count) - sum)).toBeLessThanOrEqual(tolerance);
    }
  });

  it("is exact for powers of two, whose product it carries in its exponent", () => {
    const values = Array.from({ length: 3000 }, (_, i) => 2 ** ((i % 7) - 2));
    // Σ (i mod 7 − 2) over i < 3000 = 428·(0+1+…+6) − 2·3000 + (0+1+2+3) (the last 4 terms: i ≡ 0..3)
    const exponent = 428 * 21 + 6 - 2 * 3000;
    expect(logOfProduct(values, 0, 1, values.length)).toBeCloseTo(exponent * Math.LN2, 11);
    expect(logOfProduct([2 ** 900, 2 ** 900, 2 ** -1000], 0, 1, 3)).toBeCloseTo(800 * Math.LN2, 10);
  });

  it("reads strided entries and equal blocks: the diagonal of a matrix and of a block diagonal", () => {
    // A 3×3 column-major matrix with leading dimension 4: the diagonal is at 0, 5, 10.
    const matrix = [2, 9, 9, 9, 9, 3, 9, 9, 9, 9, 5, 9];
    expect(logOfProduct(matrix, 0, 5, 3)).toBeCloseTo(Math.log(30), 14);
    // Four 2×2 blocks one after another: diagonals at 4b and 4b + 3.
    const blocks = [1.5, 7, 7, 2, 3, 7, 7, 0.25, 4, 7, 7, 1, 10, 7, 7, 0.1];
    const expected = Math.log(1.5 * 2 * 3 * 0.25 * 4 * 1 * 10 * 0.1);
    expect(logOfProduct(blocks, 0, 3, 2, 4, 4)).toBeCloseTo(expected, 14);
  });

  it("gives −Infinity for a zero factor, NaN for a negative or NaN one, 0 for no factors", () => {
    expect(logOfProduct([2, 0, 3], 0, 1, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(logOfProduct([2, -1, 3], 0, 1, 3)).toBeNaN();
    expect(logOfProduct([2, Number.NaN], 0, 1, 2)).toBeNaN();
    expect(logOfProduct([Number.POSITIVE_INFINITY, 2], 0, 1, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(logOfProduct([], 0, 1, 0)).toBe(0);
    expect(logOfProduct([5e-324, 4], 0, 1, 2)).toBe(log(5e-324) + log(4));
  });
});
