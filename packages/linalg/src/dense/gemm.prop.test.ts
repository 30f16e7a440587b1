import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gemm } from "./gemm";
import { createRandom, embedMatrix, randomIntegerMatrix } from "./random-matrices";
import { referenceGemm } from "./reference";

const sizes = fc.record({
  m: fc.integer({ min: 0, max: 37 }),
  n: fc.integer({ min: 0, max: 37 }),
  k: fc.integer({ min: 0, max: 37 }),
  transA: fc.boolean(),
  transB: fc.boolean(),
  alpha: fc.integer({ min: -3, max: 3 }),
  beta: fc.integer({ min: -2, max: 2 }),
  padA: fc.integer({ min: 0, max: 3 }),
  padB: fc.integer({ min: 0, max: 3 }),
  padC: fc.integer({ min: 0, max: 3 }),
  offset: fc.integer({ min: 0, max: 5 }),
  seed: fc.integer(),
});

/** op(A)·op(B) by the textbook triple sum on contiguous operands. */
function naiveProduct(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  b: Float64Array,
): Float64Array {
  const out = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      let sum = 0;
      for (let l = 0; l < k; l++) {
        const ail = transA ? a[l + i * k] : a[i + l * m];
        const blj = transB ? b[j + l * n] : b[l + j * k];
        sum += ail * blj;
      }
      out[i + j * m] = sum;
    }
  }
  return out;
}

describe("gemm", () => {
  it("equals the naive triple sum exactly on integer matrices, for views with offsets and padding", () => {
    fc.assert(
      fc.property(sizes, (s) => {
        const random = createRandom(s.seed);
        const rowsA = s.transA ? s.k : s.m;
        const colsA = s.transA ? s.m : s.k;
        const rowsB = s.transB ? s.n : s.k;
        const colsB = s.transB ? s.k : s.n;
        const a = randomIntegerMatrix(random, rowsA, colsA);
        const b = randomIntegerMatrix(random, rowsB, colsB);
        const c = randomIntegerMatrix(random, s.m, s.n);
        const lda = Math.max(1, rowsA + s.padA);
        const ldb = Math.max(1, rowsB + s.padB);
        const ldc = Math.max(1, s.m + s.padC);
        const aView = embedMatrix(rowsA, colsA, a, s.offset, lda);
        const bView = embedMatrix(rowsB, colsB, b, s.offset + 1, ldb);
        const cView = embedMatrix(s.m, s.n, c, s.offset + 2, ldc);
        if (s.beta === 0) {
          // C must be overwritten, not scaled, when beta is zero.
          for (let j = 0; j < s.n; j++) {
            for (let i = 0; i < s.m; i++) cView[s.offset + 2 + i + j * ldc] = Number.NaN;
          }
        }
        const before = Float64Array.from(cView);
        gemm(
          s.transA,
          s.transB,
          s.m,
          s.n,
          s.k,
          s.alpha,
          aView,
          s.offset,
          lda,
          bView,
          s.offset + 1,
          ldb,
          s.beta,
          cView,
          s.offset + 2,
          ldc,
        );
        const product = naiveProduct(s.transA, s.transB, s.m, s.n, s.k, a, b);
        for (let j = 0; j < s.n; j++) {
          for (let i = 0; i < s.m; i++) {
            const expected =
              s.alpha * product[i + j * s.m] + (s.beta === 0 ? 0 : s.beta * c[i + j * s.m]);
            // Adding 0 maps -0 to +0, so the exact comparison ignores the sign of zero.
            expect(cView[s.offset + 2 + i + j * ldc] + 0).toBe(expected + 0);
          }
        }
        // Padding between columns and outside the view is left alone.
        for (let p = 0; p < cView.length; p++) {
          const local = p - s.offset - 2;
          const inside = local >= 0 && local % ldc < s.m && Math.floor(local / ldc) < s.n;
          if (!inside) expect(Object.is(cView[p], before[p])).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with the reference kernel on real-valued matrices", () => {
    fc.assert(
      fc.property(sizes, (s) => {
        const random = createRandom(s.seed);
        const rowsA = s.transA ? s.k : s.m;
        const colsA = s.transA ? s.m : s.k;
        const rowsB = s.transB ? s.n : s.k;
        const colsB = s.transB ? s.k : s.n;
        const a = Float64Array.from(
          randomIntegerMatrix(random, rowsA, colsA),
          (x) => x / 7 + random(),
        );
        const b = Float64Array.from(
          randomIntegerMatrix(random, rowsB, colsB),
          (x) => x / 3 - random(),
        );
        const c = Float64Array.from(randomIntegerMatrix(random, s.m, s.n), (x) => x + random());
        const fast = Float64Array.from(c);
        const slow = Float64Array.from(c);
        const alpha = s.alpha + 0.5;
        const beta = s.beta / 3;
        gemm(
          s.transA,
          s.transB,
          s.m,
          s.n,
          s.k,
          alpha,
          a,
          0,
          Math.max(1, rowsA),
          b,
          0,
          Math.max(1, rowsB),
          beta,
          fast,
          0,
          Math.max(1, s.m),
        );
        referenceGemm(
          s.transA,
          s.transB,
          s.m,
          s.n,
          s.k,
          alpha,
          a,
          0,
          Math.max(1, rowsA),
          b,
          0,
          Math.max(1, rowsB),
          beta,
          slow,
          0,
          Math.max(1, s.m),
        );
        for (let i = 0; i < fast.length; i++) {
          expect(Math.abs(fast[i] - slow[i])).toBeLessThanOrEqual(
            1e-12 * (1 + s.k) * (1 + Math.abs(slow[i])),
          );
        }
      }),
      { numRuns: 200 },
    );
  });
});
