import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logdetFromCholesky } from "./logdet";
import { potrf } from "./potrf";
import { createRandom, embedMatrix, frobeniusNorm, randomSpdMatrix } from "./random-matrices";
import { referencePotrf } from "./reference";

const cases = fc.record({
  n: fc.integer({ min: 1, max: 64 }),
  pad: fc.integer({ min: 0, max: 4 }),
  offset: fc.integer({ min: 0, max: 6 }),
  seed: fc.integer(),
});

/** Embeds the lower triangle of a full symmetric matrix; the strict upper triangle is NaN. */
function lowerView(n: number, full: Float64Array, offset: number, ld: number): Float64Array {
  const view = embedMatrix(n, n, full, offset, ld);
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) view[offset + i + j * ld] = Number.NaN;
  return view;
}

describe("potrf", () => {
  it("factors random SPD matrices with backward error ≤ c·n·ε·‖A‖ like the reference, reading only the lower triangle", () => {
    fc.assert(
      fc.property(cases, ({ n, pad, offset, seed }) => {
        const a = randomSpdMatrix(createRandom(seed), n);
        const ld = n + pad;
        const view = lowerView(n, a, offset, ld);
        const before = Float64Array.from(view);
        expect(potrf(n, view, offset, ld)).toBe(-1);
        const residual = new Float64Array(n * n);
        for (let j = 0; j < n; j++) {
          for (let i = j; i < n; i++) {
            let sum = 0;
            for (let l = 0; l <= j; l++)
              sum += view[offset + i + l * ld] * view[offset + j + l * ld];
            residual[i + j * n] = sum - a[i + j * n];
          }
        }
        expect(frobeniusNorm(residual)).toBeLessThanOrEqual(
          4 * n * Number.EPSILON * frobeniusNorm(a),
        );
        const slow = Float64Array.from(a);
        expect(referencePotrf(n, slow, 0, n)).toBe(-1);
        for (let j = 0; j < n; j++) {
          for (let i = j; i < n; i++) {
            expect(Math.abs(view[offset + i + j * ld] - slow[i + j * n])).toBeLessThanOrEqual(
              1e-12 * n,
            );
          }
        }
        for (let p = 0; p < view.length; p++) {
          const local = p - offset;
          const row = local % ld;
          const col = Math.floor(local / ld);
          const inLower = local >= 0 && row < n && col < n && row >= col;
          if (!inLower) expect(Object.is(view[p], before[p])).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with the reference kernel on orders that recurse several levels", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 65, max: 170 }),
        fc.integer(),
        fc.integer({ min: 0, max: 5 }),
        (n, seed, pad) => {
          const a = randomSpdMatrix(createRandom(seed), n);
          const view = lowerView(n, a, 1, n + pad);
          const slow = Float64Array.from(a);
          expect(potrf(n, view, 1, n + pad)).toBe(-1);
          referencePotrf(n, slow, 0, n);
          for (let j = 0; j < n; j++) {
            for (let i = j; i < n; i++) {
              expect(Math.abs(view[1 + i + j * (n + pad)] - slow[i + j * n])).toBeLessThanOrEqual(
                1e-12 * n,
              );
            }
          }
          const failing = Math.floor(n * 0.7);
          a[failing * (n + 1)] -= slow[failing * (n + 1)] ** 2 + 1;
          expect(potrf(n, lowerView(n, a, 0, n), 0, n)).toBe(failing);
        },
      ),
      { numRuns: 8 },
    );
  });

  it("returns the 0-based row of the first non-positive pivot", () => {
    fc.assert(
      fc.property(
        cases,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        ({ n, pad, offset, seed }, where, deficit) => {
          const a = randomSpdMatrix(createRandom(seed), n);
          const failing = Math.min(n - 1, Math.floor(where * n));
          const factor = Float64Array.from(a);
          referencePotrf(n, factor, 0, n);
          const pivot = factor[failing * (n + 1)] ** 2;
          // Lowering A[k][k] by (pivot + deficit) leaves rows < k alone and makes pivot k ≈ −deficit.
          a[failing * (n + 1)] -= pivot + deficit;
          const ld = n + pad;
          const view = lowerView(n, a, offset, ld);
          expect(potrf(n, view, offset, ld)).toBe(failing);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reports a NaN pivot as failing", () => {
    const a = randomSpdMatrix(createRandom(7), 12);
    a[5 + 5 * 12] = Number.NaN;
    expect(potrf(12, a, 0, 12)).toBe(5);
  });

  it("gives 2·Σ log L_ii as the log-determinant", () => {
    const a = Float64Array.from([4, 2, 2, 5]);
    expect(potrf(2, a, 0, 2)).toBe(-1);
    expect(logdetFromCholesky(2, a, 0, 2)).toBeCloseTo(Math.log(16), 14);
    const offsetView = Float64Array.from([Number.NaN, 9, 3, 0, 1, 5]);
    expect(logdetFromCholesky(2, offsetView, 1, 3)).toBeCloseTo(Math.log(81 * 25), 13);
  });
});
