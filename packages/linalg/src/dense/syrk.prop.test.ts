import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom, embedMatrix, randomIntegerMatrix } from "./random-matrices";
import { referenceSyrk } from "./reference";
import { syrk } from "./syrk";

const sizes = fc.record({
  n: fc.integer({ min: 0, max: 33 }),
  k: fc.integer({ min: 0, max: 33 }),
  alpha: fc.integer({ min: -3, max: 3 }),
  beta: fc.integer({ min: -2, max: 2 }),
  padA: fc.integer({ min: 0, max: 3 }),
  padC: fc.integer({ min: 0, max: 3 }),
  offset: fc.integer({ min: 0, max: 5 }),
  seed: fc.integer(),
});

describe("syrk", () => {
  it("equals the naive sum exactly on integer matrices and leaves the strict upper triangle alone", () => {
    fc.assert(
      fc.property(sizes, (s) => {
        const random = createRandom(s.seed);
        const a = randomIntegerMatrix(random, s.n, s.k);
        const c = randomIntegerMatrix(random, s.n, s.n);
        const lda = Math.max(1, s.n + s.padA);
        const ldc = Math.max(1, s.n + s.padC);
        const aView = embedMatrix(s.n, s.k, a, s.offset, lda);
        const cView = embedMatrix(s.n, s.n, c, s.offset + 1, ldc);
        if (s.beta === 0) {
          for (let j = 0; j < s.n; j++) {
            for (let i = j; i < s.n; i++) cView[s.offset + 1 + i + j * ldc] = Number.NaN;
          }
        }
        const before = Float64Array.from(cView);
        syrk(s.n, s.k, s.alpha, aView, s.offset, lda, s.beta, cView, s.offset + 1, ldc);
        for (let j = 0; j < s.n; j++) {
          for (let i = 0; i < s.n; i++) {
            const position = s.offset + 1 + i + j * ldc;
            if (i < j) {
              expect(Object.is(cView[position], before[position])).toBe(true);
              continue;
            }
            let sum = 0;
            for (let l = 0; l < s.k; l++) sum += a[i + l * s.n] * a[j + l * s.n];
            const expected = s.alpha * sum + (s.beta === 0 ? 0 : s.beta * c[i + j * s.n]);
            expect(cView[position] + 0).toBe(expected + 0);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with the reference kernel on real-valued matrices", () => {
    fc.assert(
      fc.property(sizes, (s) => {
        const random = createRandom(s.seed);
        const a = Float64Array.from(randomIntegerMatrix(random, s.n, s.k), (x) => x / 7 + random());
        const c = Float64Array.from(randomIntegerMatrix(random, s.n, s.n), (x) => x + random());
        const fast = Float64Array.from(c);
        const slow = Float64Array.from(c);
        const ld = Math.max(1, s.n);
        syrk(s.n, s.k, s.alpha - 0.25, a, 0, ld, s.beta / 3, fast, 0, ld);
        referenceSyrk(s.n, s.k, s.alpha - 0.25, a, 0, ld, s.beta / 3, slow, 0, ld);
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
