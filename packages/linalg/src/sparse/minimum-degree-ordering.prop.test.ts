import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRandom } from "../dense/random-matrices";
import { minimumDegreeOrdering } from "./minimum-degree-ordering";

/**
 * Exact minimum degree spelled out on adjacency sets: eliminate the lowest-index vertex of least
 * degree, join its neighbours into a clique, repeat. The bitset version must give this ordering.
 */
function referenceOrdering(n: number, colPtr: Int32Array, rowIdx: Int32Array): number[] {
  const neighbours = Array.from({ length: n }, () => new Set<number>());
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      const i = rowIdx[p];
      if (i === j) continue;
      neighbours[i].add(j);
      neighbours[j].add(i);
    }
  }
  const left = new Set(Array.from({ length: n }, (_, v) => v));
  const order: number[] = [];
  while (left.size > 0) {
    let pivot = -1;
    for (const v of left) {
      if (pivot === -1 || neighbours[v].size < neighbours[pivot].size) pivot = v;
    }
    order.push(pivot);
    left.delete(pivot);
    for (const u of neighbours[pivot]) {
      neighbours[u].delete(pivot);
      for (const w of neighbours[pivot]) if (w !== u) neighbours[u].add(w);
    }
  }
  return order;
}

/** A random lower pattern: `blocks` dense diagonal blocks (cliques) plus random entries. */
function randomPattern(seed: number, n: number, density: number, blocks: number) {
  const random = createRandom(seed);
  const size = Math.max(1, Math.ceil(n / Math.max(1, blocks)));
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  for (let j = 0; j < n; j++) {
    rows.push(j);
    for (let i = j + 1; i < n; i++) {
      const sameBlock = blocks > 0 && Math.floor(i / size) === Math.floor(j / size);
      if (sameBlock || random() < density) rows.push(i);
    }
    colPtr[j + 1] = rows.length;
  }
  return { colPtr, rowIdx: Int32Array.from(rows) };
}

describe("minimumDegreeOrdering", () => {
  it("is the exact minimum-degree ordering with ties to the lowest index", () => {
    const cases = fc.record({
      n: fc.integer({ min: 0, max: 90 }),
      density: fc.double({ min: 0, max: 0.5, noNaN: true }),
      blocks: fc.integer({ min: 0, max: 4 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(cases, ({ n, density, blocks, seed }) => {
        const { colPtr, rowIdx } = randomPattern(seed, n, density, blocks);
        expect(Array.from(minimumDegreeOrdering(n, colPtr, rowIdx))).toEqual(
          referenceOrdering(n, colPtr, rowIdx),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("orders a full pattern (a clique from the start) by index, and a path from its ends", () => {
    const full = randomPattern(1, 40, 1, 0);
    expect(Array.from(minimumDegreeOrdering(40, full.colPtr, full.rowIdx))).toEqual(
      Array.from({ length: 40 }, (_, v) => v),
    );
    // Path 0-1-2-3-4: degrees 1,2,2,2,1; eliminate 0, then 1 (now degree 1), ...
    const colPtr = Int32Array.from([0, 2, 4, 6, 8, 9]);
    const rowIdx = Int32Array.from([0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(Array.from(minimumDegreeOrdering(5, colPtr, rowIdx))).toEqual([0, 1, 2, 3, 4]);
  });
});
