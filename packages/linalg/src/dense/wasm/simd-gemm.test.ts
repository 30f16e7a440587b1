import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom, embedMatrix, randomIntegerMatrix } from "../random-matrices";
import { referenceGemm } from "../reference";
import { denseKernelBackend } from "../kernel-backend";
import { simdGemmAvailable, simdGemmUpdate } from "./simd-gemm";

// Sizes straddle the packing blocks (64 rows, depth 256, 512 columns) and the 4×4 micro-tile.
const shapes = fc.record({
  m: fc.integer({ min: 1, max: 140 }),
  n: fc.integer({ min: 1, max: 530 }),
  k: fc.integer({ min: 1, max: 280 }),
  transA: fc.boolean(),
  transB: fc.boolean(),
  lowerOnly: fc.boolean(),
  pad: fc.integer({ min: 0, max: 3 }),
  seed: fc.integer(),
});

describe("simdGemmUpdate", () => {
  it("is available on Node 20", () => {
    expect(simdGemmAvailable()).toBe(true);
    expect(denseKernelBackend()).toBe("wasm-simd");
  });

  it("adds alpha·op(A)·op(B) exactly on integer matrices across block boundaries", () => {
    fc.assert(
      fc.property(shapes, (s) => {
        const n = s.lowerOnly ? s.m : s.n;
        const random = createRandom(s.seed);
        const rowsA = s.transA ? s.k : s.m;
        const colsA = s.transA ? s.m : s.k;
        const rowsB = s.transB ? n : s.k;
        const colsB = s.transB ? s.k : n;
        const a = randomIntegerMatrix(random, rowsA, colsA, 3);
        const b = randomIntegerMatrix(random, rowsB, colsB, 3);
        const c = randomIntegerMatrix(random, s.m, n, 9);
        const ldc = s.m + s.pad;
        const cView = embedMatrix(s.m, n, c, 3, ldc);
        const before = Float64Array.from(cView);
        simdGemmUpdate(
          s.transA,
          s.transB,
          s.m,
          n,
          s.k,
          -2,
          embedMatrix(rowsA, colsA, a, 1, rowsA + s.pad),
          1,
          rowsA + s.pad,
          embedMatrix(rowsB, colsB, b, 2, rowsB + s.pad),
          2,
          rowsB + s.pad,
          cView,
          3,
          ldc,
          s.lowerOnly,
        );
        const expected = Float64Array.from(c);
        referenceGemm(
          s.transA,
          s.transB,
          s.m,
          n,
          s.k,
          -2,
          a,
          0,
          rowsA,
          b,
          0,
          rowsB,
          1,
          expected,
          0,
          s.m,
        );
        for (let p = 0; p < cView.length; p++) {
          const local = p - 3;
          const i = local % ldc;
          const j = Math.floor(local / ldc);
          const inside = local >= 0 && i < s.m && j < n && (!s.lowerOnly || i >= j);
          if (inside) expect(cView[p] + 0).toBe(expected[i + j * s.m] + 0);
          else expect(Object.is(cView[p], before[p])).toBe(true);
        }
      }),
      { numRuns: 12 },
    );
  });

  it("splits very tall products into row chunks without changing the result", () => {
    for (const [m, n, k, lowerOnly] of [
      [2100, 6, 300, false],
      [4200, 3, 5, false],
      [2100, 2100, 2, true],
    ] as const) {
      const random = createRandom(m + n + k);
      const a = randomIntegerMatrix(random, m, k, 3);
      const b = randomIntegerMatrix(random, n, k, 3);
      const c = randomIntegerMatrix(random, m, n, 9);
      const before = Float64Array.from(c);
      const expected = Float64Array.from(c);
      referenceGemm(false, true, m, n, k, 3, a, 0, m, b, 0, n, 1, expected, 0, m);
      simdGemmUpdate(false, true, m, n, k, 3, a, 0, m, b, 0, n, c, 0, m, lowerOnly);
      let mismatches = 0;
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < m; i++) {
          const want = lowerOnly && i < j ? before[i + j * m] : expected[i + j * m];
          if (c[i + j * m] !== want) mismatches++;
        }
      }
      expect(mismatches).toBe(0);
    }
  });
});
