import { describe, expect, it } from "vitest";
import { distinctRowsWeighted } from "./distinct-rows";

/** XᵀX of an n×p column-major matrix. */
function crossProduct(x: Float64Array, n: number, p: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += x[i * n + t] * x[j * n + t];
      out.push(sum);
    }
  }
  return out;
}

/** n×3 matrix whose rows cycle through `distinct` patterns, rows shuffled by `shift`. */
function design(n: number, distinct: number, shift: number): Float64Array {
  const x = new Float64Array(n * 3);
  for (let t = 0; t < n; t++) {
    const pattern = ((t * 7 + shift) % n) % distinct;
    x[t] = 1;
    x[n + t] = pattern;
    x[2 * n + t] = (pattern * pattern) % 5;
  }
  return x;
}

describe("distinctRowsWeighted", () => {
  for (const distinct of [6, 150]) {
    it(`keeps XᵀX and ignores the row order (${distinct} distinct rows of 300)`, () => {
      const n = 300;
      const x = design(n, distinct, 0);
      const { matrix, rows } = distinctRowsWeighted(x, n, 3);
      expect(rows).toBe(distinct);
      const expected = crossProduct(x, n, 3);
      crossProduct(matrix, rows, 3).forEach((value, i) => {
        expect(value).toBeCloseTo(expected[i], 9);
      });
      const shuffled = distinctRowsWeighted(design(n, distinct, 11), n, 3);
      expect(Array.from(shuffled.matrix)).toEqual(Array.from(matrix));
    });
  }
});
