import { describe, expect, it } from "vitest";
import { analyzeSparseCholesky } from "./analyze-sparse-cholesky";
import { minimumDegreeMaximumOrder, minimumDegreeOrdering } from "./minimum-degree-ordering";
import { sparseCholeskyCostEstimate } from "./sparse-cholesky-cost";
import { createSparseCholeskyFactor, factorSparseCholesky } from "./sparse-cholesky-factor";
import {
  sparseCholeskyBackwardSolve,
  sparseCholeskyForwardSolve,
  sparseCholeskyLogDet,
  sparseCholeskySolve,
} from "./sparse-cholesky-solve";

function factorOf(n: number, colPtr: number[], rowIdx: number[], values: number[]) {
  const symbolic = analyzeSparseCholesky(n, Int32Array.from(colPtr), Int32Array.from(rowIdx));
  const factor = createSparseCholeskyFactor(symbolic);
  const status = factorSparseCholesky(factor, Float64Array.from(values));
  return { symbolic, factor, status };
}

describe("sparse Cholesky edge cases", () => {
  it("handles the empty matrix", () => {
    const { symbolic, factor, status } = factorOf(0, [0], [], []);
    expect(status).toBe(-1);
    expect(symbolic.nnzL).toBe(0);
    expect(sparseCholeskyLogDet(factor)).toBe(0);
    expect(sparseCholeskyCostEstimate(symbolic)).toEqual({
      sparseFlops: 0,
      denseFlops: 0,
      flopRatio: 0,
      fillFraction: 0,
    });
  });

  it("factors a diagonal matrix without fill and solves exactly", () => {
    const { symbolic, factor, status } = factorOf(3, [0, 1, 2, 3], [0, 1, 2], [4, 9, 16]);
    expect(status).toBe(-1);
    expect(symbolic.nnzL).toBe(3);
    expect(symbolic.flops).toBe(3);
    const x = new Float64Array(3);
    sparseCholeskySolve(factor, Float64Array.from([4, 9, 16]), x);
    expect([...x]).toEqual([1, 1, 1]);
    expect(sparseCholeskyLogDet(factor)).toBeCloseTo(Math.log(4 * 9 * 16), 14);
  });

  it("sums duplicate entries and splits the solve into L and Lᵀ halves", () => {
    // A = [[4, 2], [2, 3]] with the (1, 0) entry given as 1 + 1.
    const { factor, status } = factorOf(2, [0, 3, 4], [0, 1, 1, 1], [4, 1, 1, 3]);
    expect(status).toBe(-1);
    const b = Float64Array.from([6, 5]);
    const y = new Float64Array(2);
    sparseCholeskyForwardSolve(factor, b, y);
    const x = new Float64Array(2);
    sparseCholeskyBackwardSolve(factor, y, x);
    expect(x[0]).toBeCloseTo(1, 14);
    expect(x[1]).toBeCloseTo(1, 14);
    // ‖y‖² = bᵀA⁻¹b = 6 + 5 = 11 for x = (1, 1).
    expect(y[0] ** 2 + y[1] ** 2).toBeCloseTo(11, 13);
  });

  it("reports a missing (zero) diagonal entry as the failing index", () => {
    const { status, factor } = factorOf(2, [0, 2, 2], [0, 1], [1, 0.5]);
    expect(status).toBe(1);
    expect(factor.status).toBe(1);
  });

  it("rejects a values array shorter than the pattern", () => {
    const symbolic = analyzeSparseCholesky(1, Int32Array.from([0, 1]), Int32Array.from([0]));
    const factor = createSparseCholeskyFactor(symbolic);
    expect(() => factorSparseCholesky(factor, new Float64Array(0))).toThrow(/values has length 0/);
  });
});

describe("minimum-degree ordering limits", () => {
  it("refuses orders whose bitset graph would not fit, naming the order", () => {
    const n = minimumDegreeMaximumOrder + 1;
    expect(() => minimumDegreeOrdering(n, new Int32Array(n + 1), new Int32Array(0))).toThrow(
      new RegExp(`order ${n} exceeds`),
    );
  });
});
