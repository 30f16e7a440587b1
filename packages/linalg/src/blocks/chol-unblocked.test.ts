import { UnsupportedKernelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import {
  createDenseBlock,
  createDiagonalBlock,
  createSparseCscBlock,
  createUniformBlockDiagonalBlock,
} from "./block-types";
import { cholUnblocked } from "./chol-unblocked";

// cholUnblocked on each block kind, success and failure, with results worked out by hand
// (issue 19: mutation testing found the failure returns of the diagonal and block-diagonal
// kernels, and cholUnblocked itself, untested).
describe("cholUnblocked", () => {
  it("takes square roots of a diagonal block and reports its first non-positive entry", () => {
    const ok = createDiagonalBlock(3);
    ok.values.set([4, 9, 0.25]);
    expect(cholUnblocked(ok)).toBe(-1);
    expect(Array.from(ok.values)).toEqual([2, 3, 0.5]);
    for (const bad of [0, -1, Number.NaN]) {
      const block = createDiagonalBlock(3);
      block.values.set([4, bad, 9]);
      expect(cholUnblocked(block)).toBe(1);
    }
  });

  it("factors 1×1 blocks of a block-diagonal block and reports the failing one", () => {
    const ok = createUniformBlockDiagonalBlock(1, 3);
    ok.values.set([4, 9, 16]);
    expect(cholUnblocked(ok)).toBe(-1);
    expect(Array.from(ok.values)).toEqual([2, 3, 4]);
    for (const bad of [0, -2, Number.NaN]) {
      const block = createUniformBlockDiagonalBlock(1, 3);
      block.values.set([4, 9, bad]);
      expect(cholUnblocked(block)).toBe(2);
    }
  });

  it("factors 2×2 blocks and reports the failing row as block·2 + row", () => {
    // [[4, 2], [2, 5]] = L·Lᵀ with L = [[2, 0], [1, 2]] (column-major, lower triangle read).
    const ok = createUniformBlockDiagonalBlock(2, 2);
    ok.values.set([4, 2, 0, 5, 9, 3, 0, 10]);
    expect(cholUnblocked(ok)).toBe(-1);
    expect(Array.from(ok.values)).toEqual([2, 1, 0, 2, 3, 1, 0, 3]);
    // Block 1 = [[1, 2], [2, 4]] fails at its row 1 (pivot 4 − 2² = 0): row 1·2 + 1 = 3.
    const second = createUniformBlockDiagonalBlock(2, 2);
    second.values.set([4, 2, 0, 5, 1, 2, 0, 4]);
    expect(cholUnblocked(second)).toBe(3);
    // Block 1 = [[−1, 0], [0, 1]] fails at its row 0: row 1·2 + 0 = 2.
    const first = createUniformBlockDiagonalBlock(2, 2);
    first.values.set([4, 2, 0, 5, -1, 0, 0, 1]);
    expect(cholUnblocked(first)).toBe(2);
  });

  it("factors a dense block", () => {
    const block = createDenseBlock(2, 2);
    block.values.set([4, 2, 0, 5]);
    expect(cholUnblocked(block)).toBe(-1);
    expect(Array.from(block.values)).toEqual([2, 1, 0, 2]);
  });

  it("has no kernel for a sparse CSC block", () => {
    const block = createSparseCscBlock(2, 2, Int32Array.of(0, 1, 2), Int32Array.of(0, 1));
    expect(() => cholUnblocked(block)).toThrowError(UnsupportedKernelError);
    expect(() => cholUnblocked(block)).toThrowError(/cholUnblocked/);
  });
});
