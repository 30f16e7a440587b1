import { DimensionMismatchError } from "@mixedmodels/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createDenseBlock,
  createSparseCholeskyBlock,
  type SparseCholeskyBlock,
} from "./block-types";
import { mulSubtract, prepareMulSubtract } from "./mul-subtract";
import {
  createRandom,
  maxRelativeDifference,
  randomDense,
  randomSparse,
} from "./random-blocks.test-util";
import { prepareRankUpdate, rankUpdate } from "./rank-update";
import { createWasmDenseSparseSubtract } from "./wasm-block-kernels";

// Sizes above the kernels' thresholds (2¹⁶ multiply–adds or products), so the prepared kernels
// take the WebAssembly path; the unprepared ones are the JavaScript loops.
describe("the WebAssembly block kernels equal the JavaScript loops", () => {
  it("is available in this runtime (Node has WebAssembly SIMD)", () => {
    expect(
      createWasmDenseSparseSubtract(4, 2, Int32Array.of(0, 1), Int32Array.of(1)),
    ).not.toBeNull();
  });

  it("dense −= dense·sparseᵀ, even and odd row counts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 2, max: 33 }),
        fc.double({ min: 0.2, max: 0.3, noNaN: true }),
        (seed, m, density) => {
          const random = createRandom(seed);
          const n = 150;
          const k = 1200;
          const sparse = randomSparse(random, n, k, density);
          const left = randomDense(random, m, k);
          const start = randomDense(random, m, n);
          const viaWasm = createDenseBlock(m, n);
          viaWasm.values.set(start.values);
          const viaJs = createDenseBlock(m, n);
          viaJs.values.set(start.values);
          prepareMulSubtract(viaWasm, left, sparse)(viaWasm, left, sparse);
          mulSubtract(viaJs, left, sparse);
          expect(maxRelativeDifference(viaWasm.values, viaJs.values)).toBeLessThan(1e-14);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("sparse-cholesky −= sparse·sparseᵀ on the block's pattern", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.double({ min: 0.2, max: 0.3, noNaN: true }),
        (seed, density) => {
          const random = createRandom(seed);
          const n = 80;
          const source = randomSparse(random, n, 600, density);
          // The full lower triangle as the pattern covers every product.
          const colPtr = new Int32Array(n + 1);
          const rows: number[] = [];
          for (let c = 0; c < n; c++) {
            for (let r = c; r < n; r++) rows.push(r);
            colPtr[c + 1] = rows.length;
          }
          const viaWasm = createSparseCholeskyBlock(n, colPtr, Int32Array.from(rows), {
            ordering: "natural",
          });
          for (let i = 0; i < viaWasm.values.length; i++) viaWasm.values[i] = 10 * random();
          // Same pattern and factor storage; only the values are separate.
          const viaJs = { ...viaWasm, values: Float64Array.from(viaWasm.values) };
          prepareRankUpdate(viaWasm, source)(viaWasm, source);
          rankUpdate(viaJs, source);
          expect(maxRelativeDifference(viaWasm.values, viaJs.values)).toBeLessThan(1e-14);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("sparse-cholesky −= sparse·sparseᵀ: the products row by row of S, bit for bit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const random = createRandom(seed);
        const n = 70;
        const source = randomSparse(random, n, 700, 0.25);
        const target = fullLowerBlock(n);
        for (let i = 0; i < target.values.length; i++) target.values[i] = 10 * random();
        const expected = Float64Array.from(target.values);
        // Row j of S (ascending), its entries column by column, each with the rows below it.
        for (let j = 0; j < n; j++) {
          for (let c = 0; c < source.cols; c++) {
            for (let q = source.colPtr[c]; q < source.colPtr[c + 1]; q++) {
              if (source.rowIdx[q] !== j) continue;
              for (let p = q; p < source.colPtr[c + 1]; p++) {
                const row = source.rowIdx[p];
                const position = target.colPtr[j] + row - j;
                expected[position] -= source.values[p] * source.values[q];
              }
            }
          }
        }
        prepareRankUpdate(target, source)(target, source);
        expect(Array.from(target.values, (v, i) => Object.is(v, expected[i]))).not.toContain(false);
      }),
      { numRuns: 20 },
    );
  });

  it("sparse-cholesky −= sparse·sparseᵀ: a product outside the pattern is named when prepared", () => {
    const random = createRandom(7);
    const n = 70;
    const source = randomSparse(random, n, 700, 0.25);
    const full = fullLowerBlock(n);
    // The full lower triangle without entry (n − 1, 0).
    const colPtr = Int32Array.from(full.colPtr, (p, c) => (c === 0 ? 0 : p - 1));
    const rowIdx = Int32Array.from(full.rowIdx.subarray(0, n - 1));
    const rest = full.rowIdx.subarray(n);
    const pattern = new Int32Array(rowIdx.length + rest.length);
    pattern.set(rowIdx);
    pattern.set(rest, rowIdx.length);
    const target = createSparseCholeskyBlock(n, colPtr, pattern, { ordering: "natural" });
    expect(() => prepareRankUpdate(target, source)).toThrow(DimensionMismatchError);
    expect(() => prepareRankUpdate(target, source)).toThrow(`lacks entry (${n - 1}, 0)`);
  });
});

/** A sparse-cholesky block whose pattern is the full lower triangle (natural order). */
function fullLowerBlock(n: number): SparseCholeskyBlock {
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  for (let c = 0; c < n; c++) {
    for (let r = c; r < n; r++) rows.push(r);
    colPtr[c + 1] = rows.length;
  }
  return createSparseCholeskyBlock(n, colPtr, Int32Array.from(rows), { ordering: "natural" });
}
