import { type Block, createDiagonalBlock, createSparseCscBlock } from "@mixedmodels/linalg";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filledBlockPattern } from "../src/filled-block-pattern";

/** A sparse n×cols source whose columns hold each row with probability `density`. */
function randomSource(seed: number, n: number, cols: number, density: number): Block {
  let state = seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const colPtr = new Int32Array(cols + 1);
  const rows: number[] = [];
  for (let c = 0; c < cols; c++) {
    // Some columns dense (the word-wise path), most sparse (row by row).
    const columnDensity = random() < 0.2 ? Math.min(1, 8 * density) : density;
    for (let r = 0; r < n; r++) if (random() < columnDensity) rows.push(r);
    colPtr[c + 1] = rows.length;
  }
  return createSparseCscBlock(n, cols, colPtr, Int32Array.from(rows));
}

/** The pattern by its definition: level blocks, and every pair of rows sharing a source column. */
function referencePattern(n: number, s: number, sources: readonly Block[]): number[][] {
  const columns = Array.from({ length: n }, () => new Set<number>());
  for (let j = 0; j < n; j++) {
    for (let r = j; r < j - (j % s) + s; r++) columns[j].add(r);
  }
  for (const source of sources) {
    if (source.kind !== "sparse-csc") continue;
    for (let c = 0; c < source.cols; c++) {
      for (let q = source.colPtr[c]; q < source.colPtr[c + 1]; q++) {
        for (let p = q; p < source.colPtr[c + 1]; p++) {
          columns[source.rowIdx[q]].add(source.rowIdx[p]);
        }
      }
    }
  }
  return columns.map((rows) => [...rows].sort((a, b) => a - b));
}

describe("filledBlockPattern", () => {
  it("holds the level blocks and every pair of rows sharing a source column, rows ascending", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 90 }),
        fc.constantFrom(1, 2, 3),
        fc.integer({ min: 0, max: 40 }),
        fc.double({ min: 0, max: 0.3, noNaN: true }),
        fc.boolean(),
        (seed, levels, s, cols, density, withDiagonal) => {
          const n = levels * s;
          const sources: Block[] = [randomSource(seed, n, cols, density)];
          if (withDiagonal) sources.unshift(createDiagonalBlock(n));
          if (cols > 20) sources.push(randomSource(seed + 1, n, cols - 20, density));
          const { colPtr, rowIdx } = filledBlockPattern(n, s, sources);
          const expected = referencePattern(n, s, sources);
          expect(colPtr[0]).toBe(0);
          for (let j = 0; j < n; j++) {
            expect(Array.from(rowIdx.subarray(colPtr[j], colPtr[j + 1]))).toEqual(expected[j]);
          }
          expect(rowIdx.length).toBe(colPtr[n]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("takes rows across word boundaries and up to the last row (n = 64, 65, 97)", () => {
    for (const n of [31, 32, 33, 64, 65, 97]) {
      // One column with every row, one with the first and last rows only.
      const colPtr = Int32Array.from([0, n, n + 2]);
      const rowIdx = Int32Array.from([...Array.from({ length: n }, (_, r) => r), 0, n - 1]);
      const source = createSparseCscBlock(n, 2, colPtr, rowIdx);
      const { colPtr: ptr, rowIdx: rows } = filledBlockPattern(n, 1, [source]);
      expect(ptr[n]).toBe((n * (n + 1)) / 2);
      for (let j = 0; j < n; j++) {
        expect(Array.from(rows.subarray(ptr[j], ptr[j + 1]))).toEqual(
          Array.from({ length: n - j }, (_, k) => j + k),
        );
      }
    }
  });
});
