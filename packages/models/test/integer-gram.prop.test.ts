import { gemm } from "@mixedmodels/linalg";
import { equalRows } from "@mixedmodels/modelmatrix";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeIntegerGram } from "../src/integer-gram";

/** XᵀX by the gemm writeFixedGram uses otherwise, into a p×p array. */
function gemmGram(x: Float64Array, n: number, p: number): Float64Array {
  const v = new Float64Array(p * p);
  gemm(true, false, p, p, n, 1, x, 0, n, x, 0, n, 0, v, 0, p);
  for (let c = 0; c < p; c++) for (let r = c + 1; r < p; r++) v[c + r * p] = v[r + c * p];
  return v;
}

/** An n×p design whose rows are drawn from `distinct` rows of integers in [−range, range]. */
function integerDesign(seed: number, n: number, p: number, distinct: number, range: number) {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const rows = Array.from({ length: distinct }, () =>
    Array.from({ length: p }, () => Math.round((2 * random() - 1) * range) + 0),
  );
  const x = new Float64Array(n * p);
  for (let t = 0; t < n; t++) {
    const row = rows[Math.floor(random() * distinct)];
    for (let j = 0; j < p; j++) x[j * n + t] = row[j];
  }
  return x;
}

describe("writeIntegerGram", () => {
  it("gives the gemm's XᵀX bit for bit on integer designs with few distinct rows", () => {
    const cases = fc.record({
      seed: fc.integer(),
      n: fc.integer({ min: 8, max: 600 }),
      p: fc.integer({ min: 1, max: 9 }),
      distinct: fc.integer({ min: 1, max: 12 }),
      range: fc.constantFrom(1, 3, 1000, 2 ** 20),
    });
    fc.assert(
      fc.property(cases, ({ seed, n, p, distinct, range }) => {
        const x = integerDesign(seed, n, p, distinct, range);
        const v = new Float64Array(p * p);
        const written = writeIntegerGram(x, n, p, v, p);
        // At most `distinct` classes, so within the n/8 limit it must take the exact path.
        if (distinct <= n >> 3) expect(written).toBe(true);
        if (written) {
          const expected = new Uint32Array(gemmGram(x, n, p).buffer);
          expect(new Uint32Array(v.buffer)).toEqual(expected);
          // With the classes given (as the model matrix passes them), the same.
          const given = new Float64Array(p * p);
          expect(writeIntegerGram(x, n, p, given, p, equalRows(x, n, p, n))).toBe(true);
          expect(new Uint32Array(given.buffer)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("declines non-integers, −0, sums past 2⁵³ and many distinct rows, writing nothing", () => {
    const n = 64;
    const v = new Float64Array(4).fill(7);
    const base = integerDesign(1, n, 2, 3, 1);
    for (const [t, value] of [
      [5, 0.5],
      [6, -0],
      [7, 2 ** 27],
    ] as const) {
      const x = base.slice();
      x[t] = value;
      expect(writeIntegerGram(x, n, 2, v, 2)).toBe(false);
    }
    expect(writeIntegerGram(integerDesign(2, n, 2, 60, 1000), n, 2, v, 2)).toBe(false);
    expect(Array.from(v)).toEqual([7, 7, 7, 7]);
  });
});
