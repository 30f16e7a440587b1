import { describe, expect, it } from "vitest";
import { gemm } from "./gemm";
import {
  choleskyColumnError,
  dominantLower,
  dominantSpd,
  transposesFor,
} from "./kernel-sweeps.test-util";
import { potrf } from "./potrf";
import { createRandom, randomIntegerMatrix, randomMatrix } from "./random-matrices";
import { referenceGemm, referencePotrf, referenceSyrk, referenceTrsm } from "./reference";
import { syrk } from "./syrk";
import { simdGemmUpdate } from "./wasm/simd-gemm";
import { trsm } from "./trsm";

/**
 * Every order in a contiguous range, so that every remainder of every blocking level is met:
 * the SIMD driver's 4×4 tiles, 64-row blocks, 256-deep blocks, 512-column panels and 2048-row
 * chunks (m up to 2100), the triangular solve's 24-order leaves and halvings, and the Cholesky's
 * 64-order leaves. The dimension not being swept is kept small so the whole file costs a few
 * seconds; products of integers are exact, so gemm and syrk must match the reference loops
 * bit for bit. Orders in the thousands are in `large-orders.prop.test.ts`.
 */

/** Small integers in a fixed pattern: cheaper than random draws for the large C operands. */
function patterned(rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = (i % 11) - 5;
  return out;
}

/** Seconds on an idle machine, minutes on a loaded one: a long limit, not a hang. */
const heavyTimeout = 300_000;

function count(fast: Float64Array, slow: Float64Array): number {
  let wrong = 0;
  for (let i = 0; i < fast.length; i++) if (fast[i] !== slow[i]) wrong++;
  return wrong;
}

/** Entries where the driver's C += −2·op(A)·op(B) (or its lower triangle) differs from the loops. */
function driverMismatches(m: number, n: number, k: number, lowerOnly: boolean): number {
  const [transA, transB] = lowerOnly ? [false, true] : transposesFor(Math.max(m, n, k));
  const random = createRandom(m * 7919 + n * 31 + k);
  const a = randomIntegerMatrix(random, transA ? k : m, transA ? m : k, 3);
  const b = lowerOnly ? a : randomIntegerMatrix(random, transB ? n : k, transB ? k : n, 3);
  const lda = transA ? k : m;
  const ldb = lowerOnly ? m : transB ? n : k;
  const fast = patterned(m, n);
  const slow = Float64Array.from(fast);
  simdGemmUpdate(transA, transB, m, n, k, -2, a, 0, lda, b, 0, ldb, fast, 0, m, lowerOnly);
  if (lowerOnly) referenceSyrk(n, k, -2, a, 0, m, 1, slow, 0, m);
  else referenceGemm(transA, transB, m, n, k, -2, a, 0, lda, b, 0, ldb, 1, slow, 0, m);
  return count(fast, slow);
}

/** The same through the public gemm (dispatch, beta scaling) with β = 3. */
function gemmMismatches(m: number, n: number, k: number): number {
  const [transA, transB] = transposesFor(Math.max(m, n, k));
  const random = createRandom(m * 7919 + n * 31 + k);
  const a = randomIntegerMatrix(random, transA ? k : m, transA ? m : k, 3);
  const b = randomIntegerMatrix(random, transB ? n : k, transB ? k : n, 3);
  const lda = transA ? k : m;
  const ldb = transB ? n : k;
  const fast = patterned(m, n);
  const slow = Float64Array.from(fast);
  gemm(transA, transB, m, n, k, -2, a, 0, lda, b, 0, ldb, 3, fast, 0, m);
  referenceGemm(transA, transB, m, n, k, -2, a, 0, lda, b, 0, ldb, 3, slow, 0, m);
  return count(fast, slow);
}

function syrkMismatches(n: number, k: number): number {
  const a = randomIntegerMatrix(createRandom(n * 31 + k), n, k, 3);
  const fast = patterned(n, n);
  const slow = Float64Array.from(fast);
  syrk(n, k, -1, a, 0, n, 2, fast, 0, n);
  referenceSyrk(n, k, -1, a, 0, n, 2, slow, 0, n);
  return count(fast, slow);
}

describe("dense kernels over contiguous ranges of orders", () => {
  it(
    "the SIMD driver matches the reference exactly for every m in 1..2100, n in 1..1100, k in 1..600",
    () => {
      // Called directly, so that even tiny products go through the blocking.
      for (let m = 1; m <= 2100; m++) expect(driverMismatches(m, 1 + (m % 9), 3, false)).toBe(0);
      for (let n = 1; n <= 1100; n++) expect(driverMismatches(1 + (n % 11), n, 3, false)).toBe(0);
      for (let k = 1; k <= 600; k++) expect(driverMismatches(9, 9, k, false)).toBe(0);
      for (let n = 1; n <= 600; n++) expect(driverMismatches(n, n, 2, true)).toBe(0);
    },
    heavyTimeout,
  );

  it(
    "gemm and syrk match the reference exactly for every order in 1..600",
    () => {
      // The other dimensions are 24, so the product leaves the plain loops from order 24 on.
      for (let order = 1; order <= 600; order++) {
        expect(gemmMismatches(order, 24, 24)).toBe(0);
        expect(gemmMismatches(24, order, 24)).toBe(0);
        expect(gemmMismatches(24, 24, order)).toBe(0);
        expect(syrkMismatches(order, 4)).toBe(0);
        expect(syrkMismatches(24, order)).toBe(0);
      }
    },
    heavyTimeout,
  );

  it(
    "trsm agrees with the reference for every order in 1..600, both sides, both transposes",
    () => {
      for (let order = 1; order <= 600; order++) {
        const random = createRandom(order);
        const a = dominantLower(random, order);
        const other = 1 + (order % 2);
        for (const side of ["left", "right"] as const) {
          for (const transA of [false, true]) {
            const m = side === "left" ? order : other;
            const n = side === "left" ? other : order;
            const fast = randomMatrix(random, m, n);
            const slow = Float64Array.from(fast);
            trsm(side, transA, m, n, 0.5, a, 0, order, fast, 0, m);
            referenceTrsm(side, transA, m, n, 0.5, a, 0, order, slow, 0, m);
            let worst = 0;
            for (let i = 0; i < fast.length; i++)
              worst = Math.max(worst, Math.abs(fast[i] - slow[i]));
            // Solutions are O(1/order); rounding grows at most linearly with the order.
            expect(worst).toBeLessThanOrEqual((8 * Number.EPSILON * order) / (order + 1));
          }
        }
      }
    },
    heavyTimeout,
  );

  it(
    "potrf has backward error within c·n·ε·‖A‖ for every order in 1..520, and matches the reference up to 200",
    () => {
      for (let n = 1; n <= 520; n++) {
        const a = dominantSpd(createRandom(n), n);
        const fast = Float64Array.from(a);
        expect(potrf(n, fast, 0, n)).toBe(-1);
        for (const j of new Set([0, n >> 1, n - 1])) {
          expect(choleskyColumnError(n, fast, a, j)).toBeLessThanOrEqual(
            4 * n * Number.EPSILON * n,
          );
        }
        if (n <= 200) {
          const slow = Float64Array.from(a);
          expect(referencePotrf(n, slow, 0, n)).toBe(-1);
          let worst = 0;
          for (let j = 0; j < n; j++) {
            for (let i = j; i < n; i++) {
              worst = Math.max(worst, Math.abs(fast[i + j * n] - slow[i + j * n]));
            }
          }
          expect(worst).toBeLessThanOrEqual(4 * n * Number.EPSILON * Math.sqrt(n));
        }
      }
    },
    heavyTimeout,
  );
});
