import { NotPositiveDefiniteError, UnsupportedKernelError } from "@mixedmodels/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { potrf } from "../dense/potrf";
import {
  type Block,
  blockToDense,
  cloneBlockStructure,
  createDenseBlock,
  createSparseCscBlock,
} from "./block-types";
import { BlockedCholesky, blockIndex } from "./blocked-cholesky";
import {
  createRandom,
  lowerPart,
  maxRelativeDifference,
  randomDense,
  randomDiagonal,
  randomNestedSparse,
  randomSparse,
  randomSpdBlockDiagonal,
} from "./random-blocks.test-util";

/**
 * Build a blocked L with the given block storage (a valid factor: positive diagonals), form
 * M = L·Lᵀ densely, write M's blocks into storage of the same kinds, factor, and compare.
 */
function assemble(
  blocks: Block[],
  size: number,
): { dense: Float64Array; n: number; offsets: number[] } {
  const offsets = [0];
  for (let i = 0; i < size; i++) offsets.push(offsets[i] + blocks[blockIndex(i, i)].rows);
  const n = offsets[size];
  const dense = new Float64Array(n * n);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      const block = blocks[blockIndex(i, j)];
      const values = blockToDense(block);
      for (let c = 0; c < block.cols; c++) {
        for (let r = 0; r < block.rows; r++) {
          if (i === j && r < c) continue;
          dense[offsets[i] + r + (offsets[j] + c) * n] = values[r + c * block.rows];
        }
      }
    }
  }
  return { dense, n, offsets };
}

function scatterInto(
  block: Block,
  dense: Float64Array,
  n: number,
  rowOffset: number,
  colOffset: number,
): void {
  const at = (r: number, c: number) => dense[rowOffset + r + (colOffset + c) * n];
  switch (block.kind) {
    case "diagonal":
      for (let i = 0; i < block.rows; i++) block.values[i] = at(i, i);
      return;
    case "uniform-block-diagonal": {
      const s = block.blockSize;
      for (let b = 0; b < block.count; b++) {
        for (let c = 0; c < s; c++)
          for (let r = 0; r < s; r++)
            block.values[b * s * s + r + c * s] = at(b * s + r, b * s + c);
      }
      return;
    }
    case "sparse-csc":
      for (let c = 0; c < block.cols; c++) {
        for (let p = block.colPtr[c]; p < block.colPtr[c + 1]; p++)
          block.values[p] = at(block.rowIdx[p], c);
      }
      return;
    case "dense":
      for (let c = 0; c < block.cols; c++)
        for (let r = 0; r < block.rows; r++) block.values[r + c * block.rows] = at(r, c);
      return;
  }
}

function lowerTriangular(random: () => number, n: number): Block {
  const block = randomDense(random, n, n);
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < c; r++) block.values[r + c * n] = 0;
    block.values[c + c * n] = 0.5 + random();
  }
  return block;
}

function checkRoundTrip(factorBlocks: Block[], size: number): void {
  const { dense: l, n, offsets } = assemble(factorBlocks, size);
  // M = L·Lᵀ
  const m = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < n; r++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += l[r + k * n] * l[c + k * n];
      m[r + c * n] = sum;
    }
  }
  const work = factorBlocks.map((block) => {
    const copy = cloneBlockStructure(block);
    copy.values.fill(Number.NaN);
    return copy;
  });
  for (let i = 0; i < size; i++)
    for (let j = 0; j <= i; j++) scatterInto(work[blockIndex(i, j)], m, n, offsets[i], offsets[j]);
  const cholesky = new BlockedCholesky({ size, blocks: work });
  expect(cholesky.factorize()).toBe(true);
  const reference = Float64Array.from(m);
  expect(potrf(n, reference, 0, n)).toBe(-1);
  expect(maxRelativeDifference(assemble(work, size).dense, lowerPart(reference, n))).toBeLessThan(
    1e-9,
  );
}

const settings = { numRuns: 200 } as const;
const seedArb = fc.integer({ min: 1, max: 2 ** 31 - 1 });
const sizeArb = fc.integer({ min: 1, max: 6 });

describe("BlockedCholesky reproduces the dense Cholesky factor", () => {
  it("crossed factors: Diagonal, sparse below, filled-in dense, dense [X y] row", () => {
    fc.assert(
      fc.property(seedArb, sizeArb, sizeArb, sizeArb, (seed, q1, q2, p) => {
        const random = createRandom(seed);
        const blocks = [
          randomDiagonal(random, q1, true),
          randomSparse(random, q2, q1, 0.5),
          lowerTriangular(random, q2),
          randomDense(random, p, q1),
          randomDense(random, p, q2),
          lowerTriangular(random, p),
        ];
        checkRoundTrip(blocks, 3);
      }),
      settings,
    );
  });

  it("nested factors: Diagonal, one nonzero per column, Diagonal, dense row", () => {
    fc.assert(
      fc.property(seedArb, sizeArb, sizeArb, sizeArb, (seed, q1, q2, p) => {
        const random = createRandom(seed);
        const blocks = [
          randomDiagonal(random, q1, true),
          randomNestedSparse(random, q2, q1),
          randomDiagonal(random, q2, true),
          randomDense(random, p, q1),
          randomDense(random, p, q2),
          lowerTriangular(random, p),
        ];
        checkRoundTrip(blocks, 3);
      }),
      settings,
    );
  });

  it("vector-valued first term: block-diagonal, dense, dense", () => {
    fc.assert(
      fc.property(
        seedArb,
        sizeArb,
        fc.integer({ min: 1, max: 3 }),
        sizeArb,
        (seed, levels, s, p) => {
          const random = createRandom(seed);
          const first = randomSpdBlockDiagonal(random, s, levels);
          const blocks = [
            lowerOf(first),
            randomDense(random, p, levels * s),
            lowerTriangular(random, p),
          ];
          checkRoundTrip(blocks, 2);
        },
      ),
      settings,
    );
  });

  it("reports the block and row of a non-positive pivot", () => {
    const blocks: Block[] = [
      randomDiagonal(createRandom(3), 3, true),
      createDenseBlock(2, 3),
      createDenseBlock(2, 2),
    ];
    blocks[2].values.set([1, 0, 0, -1]);
    const cholesky = new BlockedCholesky({ size: 2, blocks });
    expect(cholesky.factorize()).toBe(false);
    expect([cholesky.failedBlock, cholesky.failedRow]).toEqual([1, 1]);
    expect(() => cholesky.factorizeOrThrow()).toThrow(NotPositiveDefiniteError);
  });

  it("fails at construction for a kernel pair it does not have", () => {
    const sparse = createSparseCscBlock(2, 2, new Int32Array([0, 1, 2]), new Int32Array([0, 1]));
    const blocks: Block[] = [sparse, createDenseBlock(2, 2), createDenseBlock(2, 2)];
    expect(() => new BlockedCholesky({ size: 2, blocks })).toThrow(UnsupportedKernelError);
  });
});

function lowerOf(block: Block): Block {
  if (block.kind !== "uniform-block-diagonal") return block;
  const cholesky = new BlockedCholesky({ size: 1, blocks: [block] });
  cholesky.factorizeOrThrow();
  const s = block.blockSize;
  for (let b = 0; b < block.count; b++)
    for (let c = 0; c < s; c++) for (let r = 0; r < c; r++) block.values[b * s * s + r + c * s] = 0;
  return block;
}
