import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  copyMatrix,
  createRandom,
  embedMatrix,
  frobeniusNorm,
  randomMatrix,
  randomSpdMatrix,
} from "./random-matrices";
import { referenceTrsm } from "./reference";
import { trsm, trsv } from "./trsm";
import { potrf } from "./potrf";

const cases = fc.record({
  m: fc.integer({ min: 0, max: 45 }),
  n: fc.integer({ min: 0, max: 45 }),
  left: fc.boolean(),
  transA: fc.boolean(),
  alpha: fc.constantFrom(1, -1, 0.5, 3),
  padA: fc.integer({ min: 0, max: 3 }),
  padB: fc.integer({ min: 0, max: 3 }),
  offset: fc.integer({ min: 0, max: 5 }),
  seed: fc.integer(),
});

/** A well-conditioned lower-triangular matrix: the Cholesky factor of BᵀB + n·I, upper part NaN. */
function randomLower(random: () => number, order: number): Float64Array {
  const a = randomSpdMatrix(random, order);
  potrf(order, a, 0, Math.max(1, order));
  for (let j = 1; j < order; j++) for (let i = 0; i < j; i++) a[i + j * order] = Number.NaN;
  return a;
}

function lowerTimes(transA: boolean, order: number, a: Float64Array, i: number, l: number): number {
  const row = transA ? l : i;
  const col = transA ? i : l;
  return row >= col ? a[row + col * order] : 0;
}

describe("trsm", () => {
  it("solves op(A)·X = αB or X·op(A) = αB with small residuals, on views with offsets", () => {
    fc.assert(
      fc.property(cases, (s) => {
        const random = createRandom(s.seed);
        const order = s.left ? s.m : s.n;
        const a = randomLower(random, order);
        const b = randomMatrix(random, s.m, s.n);
        const lda = Math.max(1, order + s.padA);
        const ldb = Math.max(1, s.m + s.padB);
        const aView = embedMatrix(order, order, a, s.offset, lda);
        const bView = embedMatrix(s.m, s.n, b, s.offset + 2, ldb);
        const before = Float64Array.from(bView);
        trsm(
          s.left ? "left" : "right",
          s.transA,
          s.m,
          s.n,
          s.alpha,
          aView,
          s.offset,
          lda,
          bView,
          s.offset + 2,
          ldb,
        );
        const x = copyMatrix(s.m, s.n, bView, s.offset + 2, ldb);
        const residual = new Float64Array(s.m * s.n);
        for (let j = 0; j < s.n; j++) {
          for (let i = 0; i < s.m; i++) {
            let sum = 0;
            if (s.left) {
              for (let l = 0; l < s.m; l++)
                sum += lowerTimes(s.transA, order, a, i, l) * x[l + j * s.m];
            } else {
              for (let l = 0; l < s.n; l++)
                sum += x[i + l * s.m] * lowerTimes(s.transA, order, a, l, j);
            }
            residual[i + j * s.m] = sum - s.alpha * b[i + j * s.m];
          }
        }
        const scale = frobeniusNorm(b) * Math.abs(s.alpha) + 1;
        expect(frobeniusNorm(residual)).toBeLessThanOrEqual(
          64 * (order + 1) * Number.EPSILON * scale,
        );
        for (let p = 0; p < bView.length; p++) {
          const local = p - s.offset - 2;
          const inside = local >= 0 && local % ldb < s.m && Math.floor(local / ldb) < s.n;
          if (!inside) expect(Object.is(bView[p], before[p])).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with the reference kernel to rounding", () => {
    fc.assert(
      fc.property(cases, (s) => {
        const random = createRandom(s.seed);
        const order = s.left ? s.m : s.n;
        const a = randomLower(random, order);
        const b = randomMatrix(random, s.m, s.n);
        const fast = Float64Array.from(b);
        const slow = Float64Array.from(b);
        const side = s.left ? "left" : "right";
        const lda = Math.max(1, order);
        trsm(side, s.transA, s.m, s.n, s.alpha, a, 0, lda, fast, 0, Math.max(1, s.m));
        referenceTrsm(side, s.transA, s.m, s.n, s.alpha, a, 0, lda, slow, 0, Math.max(1, s.m));
        for (let i = 0; i < fast.length; i++) {
          expect(Math.abs(fast[i] - slow[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(slow[i])));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("trsm on large triangles", () => {
  it("agrees with the reference kernel when the recursion splits several times", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 150 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer(),
        (m, n, left, transA, seed) => {
          const random = createRandom(seed);
          const order = left ? m : n;
          const a = randomLower(random, order);
          const b = randomMatrix(random, m, n);
          const fast = Float64Array.from(b);
          const slow = Float64Array.from(b);
          const side = left ? "left" : "right";
          trsm(side, transA, m, n, -0.5, a, 0, order, fast, 0, m);
          referenceTrsm(side, transA, m, n, -0.5, a, 0, order, slow, 0, m);
          for (let i = 0; i < fast.length; i++) {
            expect(Math.abs(fast[i] - slow[i])).toBeLessThanOrEqual(
              1e-12 * (1 + Math.abs(slow[i])),
            );
          }
        },
      ),
      { numRuns: 10 },
    );
  });
});

describe("trsv", () => {
  it("solves op(A)·x = b with a strided vector", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        (n, transA, inc, seed) => {
          const random = createRandom(seed);
          const a = randomLower(random, n);
          const b = randomMatrix(random, n, 1);
          const x = new Float64Array(1 + n * inc).fill(Number.NaN);
          for (let i = 0; i < n; i++) x[1 + i * inc] = b[i];
          trsv(transA, n, a, 0, Math.max(1, n), x, 1, inc);
          let residual = 0;
          for (let i = 0; i < n; i++) {
            let sum = 0;
            for (let l = 0; l < n; l++) sum += lowerTimes(transA, n, a, i, l) * x[1 + l * inc];
            residual = Math.max(residual, Math.abs(sum - b[i]));
          }
          expect(residual).toBeLessThanOrEqual(64 * (n + 1) * Number.EPSILON);
          expect(Number.isNaN(x[0])).toBe(true);
          if (inc > 1 && n > 1) expect(Number.isNaN(x[2])).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
