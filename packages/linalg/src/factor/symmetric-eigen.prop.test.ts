import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom, embedMatrix, randomMatrix } from "../dense/random-matrices";
import { symmetricEigen } from "./symmetric-eigen";

function randomSymmetric(seed: number, n: number): Float64Array {
  const b = randomMatrix(createRandom(seed), n, n);
  const a = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) a[i + j * n] = b[i + j * n] + b[j + i * n];
  return a;
}

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (const value of values) largest = Math.max(largest, Math.abs(value));
  return largest;
}

describe("symmetricEigen", () => {
  it("gives A·V = V·Λ and VᵀV = I with ascending eigenvalues, reading only the lower triangle", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16 }),
        fc.integer(),
        fc.integer({ min: 0, max: 3 }),
        (n, seed, pad) => {
          const a = randomSymmetric(seed, n);
          const view = embedMatrix(n, n, a, 2, n + pad);
          for (let j = 1; j < n; j++)
            for (let i = 0; i < j; i++) view[2 + i + j * (n + pad)] = Number.NaN;
          const values = new Float64Array(n).fill(Number.NaN);
          const vectors = new Float64Array(n * n).fill(Number.NaN);
          symmetricEigen(n, view, 2, n + pad, values, vectors);
          const scale = maxAbs(a) * n;
          for (let j = 1; j < n; j++) expect(values[j]).toBeGreaterThanOrEqual(values[j - 1]);
          for (let j = 0; j < n; j++) {
            for (let i = 0; i < n; i++) {
              let av = 0;
              let vtv = 0;
              for (let l = 0; l < n; l++) {
                av += a[i + l * n] * vectors[l + j * n];
                vtv += vectors[l + i * n] * vectors[l + j * n];
              }
              expect(Math.abs(av - vectors[i + j * n] * values[j])).toBeLessThanOrEqual(
                64 * n * Number.EPSILON * scale,
              );
              expect(Math.abs(vtv - (i === j ? 1 : 0))).toBeLessThanOrEqual(
                64 * n * Number.EPSILON,
              );
            }
          }
          let trace = 0;
          let sum = 0;
          for (let j = 0; j < n; j++) {
            trace += a[j * (n + 1)];
            sum += values[j];
          }
          expect(Math.abs(trace - sum)).toBeLessThanOrEqual(64 * n * Number.EPSILON * scale);
          // Eigenvalues alone agree with the run that also forms vectors.
          const valuesOnly = new Float64Array(n);
          symmetricEigen(n, view, 2, n + pad, valuesOnly, null);
          expect(valuesOnly).toEqual(values);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("handles known spectra: a 2×2, a diagonal and a repeated eigenvalue", () => {
    const values = new Float64Array(3);
    const vectors = new Float64Array(9);
    symmetricEigen(2, Float64Array.from([2, 1, Number.NaN, 2]), 0, 2, values, vectors);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
    expect(vectors[2]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(vectors[3]).toBeCloseTo(Math.SQRT1_2, 14);
    symmetricEigen(3, Float64Array.from([5, 0, 0, 0, -1, 0, 0, 0, 2]), 0, 3, values, vectors);
    expect([...values]).toEqual([-1, 2, 5]);
    expect([...vectors]).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
    symmetricEigen(3, Float64Array.from([4, 0, 0, 0, 4, 0, 0, 0, 4]), 0, 3, values, null);
    expect([...values]).toEqual([4, 4, 4]);
  });

  it("throws on non-finite input instead of returning garbage", () => {
    const values = new Float64Array(2);
    expect(() =>
      symmetricEigen(2, Float64Array.from([1, Number.NaN, 0, 1]), 0, 2, values, null),
    ).toThrow(RangeError);
  });
});
