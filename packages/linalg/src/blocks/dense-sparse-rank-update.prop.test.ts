import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDenseBlock } from "./block-types";
import { denseFromSparseUntiled, prepareDenseFromSparse } from "./dense-sparse-rank-update";
import { createRandom, denseProduct, randomDense, randomSparse } from "./random-blocks.test-util";

describe("dense ← dense − sparse·sparseᵀ, tiled", () => {
  it("gives the untiled loop's bits for every tile size, and T − SSᵀ on the lower triangle", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0.02, max: 0.9, noNaN: true }),
        fc.integer({ min: 1, max: 17 }),
        (seed, n, m, density, tile) => {
          const random = createRandom(seed);
          const source = randomSparse(random, n, m, density);
          const start = randomDense(random, n, n);
          const untiled = createDenseBlock(n, n);
          untiled.values.set(start.values);
          denseFromSparseUntiled(untiled, source);
          const tiled = createDenseBlock(n, n);
          tiled.values.set(start.values);
          const kernel = prepareDenseFromSparse(tiled, source, tile);
          kernel(tiled, source);
          expect(Array.from(tiled.values)).toEqual(Array.from(untiled.values));
          // Against the dense product S·Sᵀ (independent of either loop), lower triangle only.
          const dense = createDenseBlock(n, m);
          for (let c = 0; c < m; c++)
            for (let p = source.colPtr[c]; p < source.colPtr[c + 1]; p++)
              dense.values[source.rowIdx[p] + c * n] = source.values[p];
          const product = denseProduct(dense.values, n, m, false, dense.values, n, m, true);
          for (let j = 0; j < n; j++)
            for (let i = 0; i < n; i++) {
              const expected =
                i >= j ? start.values[i + j * n] - product[i + j * n] : start.values[i + j * n];
              expect(tiled.values[i + j * n]).toBeCloseTo(expected, 10);
            }
          // A second application (the kernel is prepared once, used every evaluation).
          kernel(tiled, source);
          denseFromSparseUntiled(untiled, source);
          expect(Array.from(tiled.values)).toEqual(Array.from(untiled.values));
        },
      ),
      { numRuns: 150 },
    );
  });
});
