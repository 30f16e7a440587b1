import { describe, expect, it, vi } from "vitest";
import { createRandom, randomIntegerMatrix } from "../random-matrices";

/**
 * The SIMD driver grows its wasm memory to the scratch it computes it needs and keeps it, so a
 * wrong scratch bound shows only on a call that needs more than any earlier one and only when the
 * 64 KiB page rounding leaves less slack than the overrun. Each case therefore loads a fresh copy
 * of the module and walks the sizes upwards, so that every call runs with just enough memory.
 */
/** Seconds on an idle machine, minutes on a loaded one: a long limit, not a hang. */
const heavyTimeout = 300_000;

async function freshDriver() {
  vi.resetModules();
  return import("./simd-gemm");
}

/**
 * C += a·bᵀ (or its lower triangle) for random integer columns a (m) and b (n) into a zero C in
 * the fresh driver; returns the number of entries that differ from a_i·b_j (exact in floating
 * point), so a tile written to the wrong place shows as well as one written past the end.
 */
function mismatches(
  update: Awaited<ReturnType<typeof freshDriver>>["simdGemmUpdate"],
  m: number,
  n: number,
  lowerOnly: boolean,
  seed: number,
): number {
  const random = createRandom(seed);
  const a = randomIntegerMatrix(random, m, 1, 3);
  const b = lowerOnly ? a : randomIntegerMatrix(random, n, 1, 3);
  const c = new Float64Array(m * n);
  update(false, true, m, n, 1, 1, a, 0, m, b, 0, n, c, 0, m, lowerOnly);
  let wrong = 0;
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      const expected = lowerOnly && i < j ? 0 : a[i] * b[j];
      if (c[i + j * m] !== expected) wrong++;
    }
  }
  return wrong;
}

describe("simdGemmUpdate with memory grown only as far as each call needs", () => {
  it(
    "keeps panels narrower than 512 columns, of every width, inside memory",
    async () => {
      // Row counts whose scratch leaves little page slack (2048-row chunks always fit exactly);
      // before the fix these trapped at 7, 22, 38 and (for n ≤ 140) 41 of the widths.
      for (const [m, widest] of [
        [100, 520],
        [300, 520],
        [463, 520],
        [1853, 140],
      ] as const) {
        const { simdGemmUpdate } = await freshDriver();
        for (let n = 1; n <= widest; n++) {
          expect(mismatches(simdGemmUpdate, m, n, false, m + n)).toBe(0);
        }
      }
    },
    heavyTimeout,
  );

  it(
    "keeps lower-only updates of every order up to 600 inside memory",
    async () => {
      const { simdGemmUpdate } = await freshDriver();
      for (let n = 1; n <= 600; n++) expect(mismatches(simdGemmUpdate, n, n, true, n)).toBe(0);
    },
    heavyTimeout,
  );

  it(
    "factors a dense SPD matrix of order 3706 (the MovieLens item block) from a fresh module",
    async () => {
      vi.resetModules();
      const { potrf } = await import("../potrf");
      const n = 3706;
      const random = createRandom(3706);
      const a = new Float64Array(n * n);
      for (let j = 0; j < n; j++) {
        a[j + j * n] = n;
        for (let i = j + 1; i < n; i++) a[i + j * n] = a[j + i * n] = random() - 0.5;
      }
      const l = Float64Array.from(a);
      expect(potrf(n, l, 0, n)).toBe(-1);
      // (L·Lᵀ − A) on a few columns, each O(n²), against the backward-error bound.
      for (const j of [0, 1, 1852, 1853, 2779, 3705]) {
        let worst = 0;
        for (let i = j; i < n; i++) {
          let sum = 0;
          for (let p = 0; p <= j; p++) sum += l[i + p * n] * l[j + p * n];
          worst = Math.max(worst, Math.abs(sum - a[i + j * n]));
        }
        expect(worst).toBeLessThanOrEqual(8 * n * Number.EPSILON * n);
      }
    },
    heavyTimeout,
  );
});
