import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gemm } from "./gemm";
import { choleskyColumnError, dominantLower, dominantSpd } from "./kernel-sweeps.test-util";
import { potrf } from "./potrf";
import { createRandom, randomIntegerMatrix, randomMatrix } from "./random-matrices";
import { syrk } from "./syrk";
import { trsm } from "./trsm";

/**
 * Random orders up to several thousand, where the 512-column panels, the 2048-row chunks and
 * the recursion's uneven halvings meet. A full O(n³) reference would take minutes, so each case
 * checks sampled entries (exact dot products of integers for gemm and syrk) or sampled columns
 * of the residual (trsm, potrf), which any misplaced or missing tile would still break.
 */
const settings = { numRuns: 4 } as const;
/** These take seconds on an idle machine and several times that on a busy one: not a hang. */
const heavyTimeout = 300_000;

function sampledIndices(random: () => number, count: number, size: number): number[] {
  const picks = new Set<number>([0, size - 1]);
  while (picks.size < Math.min(count, size)) picks.add(Math.floor(random() * size));
  return [...picks];
}

describe("dense kernels at random orders up to several thousand", () => {
  it(
    "gemm: sampled entries equal the exact dot products",
    () => {
      const shapes = fc.record({
        m: fc.integer({ min: 1, max: 5000 }),
        n: fc.integer({ min: 1, max: 5000 }),
        k: fc.integer({ min: 1, max: 48 }),
        transA: fc.boolean(),
        transB: fc.boolean(),
        seed: fc.integer(),
      });
      fc.assert(
        fc.property(shapes, ({ m, n, k, transA, transB, seed }) => {
          const random = createRandom(seed);
          const a = randomIntegerMatrix(random, transA ? k : m, transA ? m : k, 3);
          const b = randomIntegerMatrix(random, transB ? n : k, transB ? k : n, 3);
          const c = new Float64Array(m * n).fill(1);
          gemm(transA, transB, m, n, k, 2, a, 0, transA ? k : m, b, 0, transB ? n : k, -1, c, 0, m);
          for (const i of sampledIndices(random, 40, m)) {
            for (const j of sampledIndices(random, 40, n)) {
              let sum = 0;
              for (let l = 0; l < k; l++) {
                sum +=
                  (transA ? a[l + i * k] : a[i + l * m]) * (transB ? b[j + l * n] : b[l + j * k]);
              }
              expect(c[i + j * m]).toBe(2 * sum - 1);
            }
          }
        }),
        settings,
      );
    },
    heavyTimeout,
  );

  it(
    "syrk: sampled lower entries equal the exact dot products, the upper triangle is untouched",
    () => {
      const shapes = fc.record({
        n: fc.integer({ min: 1, max: 5000 }),
        k: fc.integer({ min: 1, max: 24 }),
        seed: fc.integer(),
      });
      fc.assert(
        fc.property(shapes, ({ n, k, seed }) => {
          const random = createRandom(seed);
          const a = randomIntegerMatrix(random, n, k, 3);
          const c = new Float64Array(n * n).fill(Number.NaN);
          for (let j = 0; j < n; j++) c.fill(1, j + j * n, (j + 1) * n);
          syrk(n, k, -1, a, 0, n, 1, c, 0, n);
          for (const i of sampledIndices(random, 60, n)) {
            for (const j of sampledIndices(random, 60, n)) {
              if (i < j) {
                expect(c[i + j * n]).toBeNaN();
                continue;
              }
              let sum = 0;
              for (let l = 0; l < k; l++) sum += a[i + l * n] * a[j + l * n];
              expect(c[i + j * n]).toBe(1 - sum);
            }
          }
        }),
        settings,
      );
    },
    heavyTimeout,
  );

  it(
    "trsm: sampled rows (right) or columns (left) of op(A)·X or X·op(A) reproduce B",
    () => {
      const shapes = fc.record({
        order: fc.integer({ min: 1, max: 4500 }),
        other: fc.integer({ min: 1, max: 6 }),
        left: fc.boolean(),
        transA: fc.boolean(),
        seed: fc.integer(),
      });
      fc.assert(
        fc.property(shapes, ({ order, other, left, transA, seed }) => {
          const random = createRandom(seed);
          const a = dominantLower(random, order);
          const m = left ? order : other;
          const n = left ? other : order;
          const b = randomMatrix(random, m, n);
          const x = Float64Array.from(b);
          trsm(left ? "left" : "right", transA, m, n, 1, a, 0, order, x, 0, m);
          const lower = (i: number, j: number) =>
            transA ? (j >= i ? a[j + i * order] : 0) : i >= j ? a[i + j * order] : 0;
          let worst = 0;
          for (const t of sampledIndices(random, 8, order)) {
            for (let s = 0; s < other; s++) {
              // left: (op(A)·X)[t, s]; right: (X·op(A))[s, t].
              let sum = 0;
              for (let p = 0; p < order; p++) {
                sum += left ? lower(t, p) * x[p + s * m] : x[s + p * m] * lower(p, t);
              }
              worst = Math.max(worst, Math.abs(sum - (left ? b[t + s * m] : b[s + t * m])));
            }
          }
          // Residuals of a backward-stable solve: a few ε·‖A‖·‖X‖ with ‖A‖ ≈ 2·order, ‖X‖ ≲ 1.
          expect(worst).toBeLessThanOrEqual(16 * order * Number.EPSILON);
        }),
        settings,
      );
    },
    heavyTimeout,
  );

  it(
    "potrf: sampled columns of L·Lᵀ − A stay within c·n·ε·‖A‖",
    () => {
      const shapes = fc.record({ n: fc.integer({ min: 1500, max: 4600 }), seed: fc.integer() });
      fc.assert(
        fc.property(shapes, ({ n, seed }) => {
          const random = createRandom(seed);
          const a = dominantSpd(random, n);
          const l = Float64Array.from(a);
          expect(potrf(n, l, 0, n)).toBe(-1);
          for (const j of sampledIndices(random, 5, n)) {
            expect(choleskyColumnError(n, l, a, j)).toBeLessThanOrEqual(4 * n * Number.EPSILON * n);
          }
        }),
        { numRuns: 2 },
      );
    },
    heavyTimeout,
  );
});
