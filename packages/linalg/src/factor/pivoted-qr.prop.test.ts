import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom, embedMatrix, frobeniusNorm, randomMatrix } from "../dense/random-matrices";
import { pivotedQr, qrApplyQ, qrRank } from "./pivoted-qr";

interface QrResult {
  a: Float64Array;
  pivot: Int32Array;
  tau: Float64Array;
}

function factor(m: number, n: number, source: Float64Array): QrResult {
  const a = Float64Array.from(source);
  const pivot = new Int32Array(n).fill(-7);
  const tau = new Float64Array(Math.min(m, n)).fill(Number.NaN);
  pivotedQr(m, n, a, 0, Math.max(1, m), pivot, tau, new Float64Array(2 * n).fill(Number.NaN));
  return { a, pivot, tau };
}

/** Q·R rebuilt from the compact factorization, as a contiguous m×n matrix. */
function rebuild(m: number, n: number, { a, tau }: QrResult): Float64Array {
  const r = new Float64Array(m * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i <= Math.min(j, m - 1); i++) r[i + j * m] = a[i + j * m];
  qrApplyQ(false, m, Math.min(m, n), n, a, 0, Math.max(1, m), tau, r, 0, Math.max(1, m));
  return r;
}

const shapes = fc.record({
  m: fc.integer({ min: 1, max: 30 }),
  n: fc.integer({ min: 1, max: 30 }),
  seed: fc.integer(),
});

describe("pivotedQr", () => {
  it("gives A·P = Q·R with orthogonal Q and non-increasing |R_jj|", () => {
    fc.assert(
      fc.property(shapes, ({ m, n, seed }) => {
        const source = randomMatrix(createRandom(seed), m, n);
        const result = factor(m, n, source);
        expect([...result.pivot].sort((x, y) => x - y)).toEqual([...Array(n).keys()]);
        const qr = rebuild(m, n, result);
        const residual = new Float64Array(m * n);
        for (let j = 0; j < n; j++) {
          for (let i = 0; i < m; i++)
            residual[i + j * m] = qr[i + j * m] - source[i + result.pivot[j] * m];
        }
        expect(frobeniusNorm(residual)).toBeLessThanOrEqual(
          32 * (m + n) * Number.EPSILON * frobeniusNorm(source),
        );
        const steps = Math.min(m, n);
        for (let j = 1; j < steps; j++) {
          const previous = Math.abs(result.a[j - 1 + (j - 1) * m]);
          expect(Math.abs(result.a[j + j * m])).toBeLessThanOrEqual(previous * (1 + 1e-10));
        }
        // Qᵀ·Q = I: applying Qᵀ then Q to the identity returns it.
        const identity = new Float64Array(m * m);
        for (let i = 0; i < m; i++) identity[i * (m + 1)] = 1;
        const roundTrip = Float64Array.from(identity);
        qrApplyQ(true, m, steps, m, result.a, 0, m, result.tau, roundTrip, 0, m);
        qrApplyQ(false, m, steps, m, result.a, 0, m, result.tau, roundTrip, 0, m);
        for (let i = 0; i < m * m; i++)
          expect(Math.abs(roundTrip[i] - identity[i])).toBeLessThan(1e-13 * m + 1e-14);
      }),
      { numRuns: 200 },
    );
  });

  it("finds the rank of products of thin random factors", () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 0, max: 30 }), ({ m, n, seed }, rankWanted) => {
        const rank = Math.min(rankWanted, m, n);
        const random = createRandom(seed);
        const left = randomMatrix(random, m, rank);
        const right = randomMatrix(random, rank, n);
        const source = new Float64Array(m * n);
        for (let j = 0; j < n; j++) {
          for (let i = 0; i < m; i++) {
            let sum = 0;
            for (let l = 0; l < rank; l++) sum += left[i + l * m] * right[l + j * rank];
            source[i + j * m] = sum;
          }
        }
        const result = factor(m, n, source);
        expect(qrRank(Math.min(m, n), result.a, 0, m, 1e-9)).toBe(rank);
      }),
      { numRuns: 200 },
    );
  });

  it("agrees on views with offsets and leading dimensions", () => {
    fc.assert(
      fc.property(
        shapes,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        ({ m, n, seed }, pad, offset) => {
          const source = randomMatrix(createRandom(seed), m, n);
          const contiguous = factor(m, n, source);
          const view = embedMatrix(m, n, source, offset, m + pad);
          const pivot = new Int32Array(n);
          const tau = new Float64Array(Math.min(m, n));
          pivotedQr(m, n, view, offset, m + pad, pivot, tau);
          expect(pivot).toEqual(contiguous.pivot);
          expect(tau).toEqual(contiguous.tau);
          for (let j = 0; j < n; j++) {
            for (let i = 0; i < m; i++)
              expect(view[offset + i + j * (m + pad)]).toBe(contiguous.a[i + j * m]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("breaks ties by the lowest original column index", () => {
    // Columns 0 and 2 are equal; 1 and 3 are equal and longer, so the order is 1, then 0.
    const a = Float64Array.from([1, 0, 0, 0, 2, 0, 1, 0, 0, 0, 2, 0]);
    const pivot = new Int32Array(4);
    pivotedQr(3, 4, a, 0, 3, pivot, new Float64Array(3));
    expect([...pivot.subarray(0, 2)]).toEqual([1, 0]);
    expect(qrRank(3, a, 0, 3, 1e-12)).toBe(2);
    const identity = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const identityPivot = new Int32Array(3);
    pivotedQr(3, 3, identity, 0, 3, identityPivot, new Float64Array(3));
    expect([...identityPivot]).toEqual([0, 1, 2]);
  });

  it("reports rank 0 for a zero matrix", () => {
    const a = new Float64Array(6);
    const pivot = new Int32Array(2);
    const tau = new Float64Array(2);
    pivotedQr(3, 2, a, 0, 3, pivot, tau);
    expect([...pivot]).toEqual([0, 1]);
    expect([...tau]).toEqual([0, 0]);
    expect(qrRank(2, a, 0, 3, 1e-12)).toBe(0);
  });
});
