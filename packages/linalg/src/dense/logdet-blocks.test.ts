import { describe, expect, it } from "vitest";
import { logdetFromBlockCholesky, logdetFromCholesky } from "./logdet";

// log|A| of a block-diagonal A from its blocks' Cholesky factors (issue 19: no test of the
// scored set reached logdetFromBlockCholesky). Factors by hand: L₁ = [[2, 0], [1, 3]],
// L₂ = [[5, 0], [4, 7]] (column-major, one after the other), so log|A| = 2·log(2·3·5·7).
describe("logdetFromBlockCholesky", () => {
  it("is 2·Σ log of every block's diagonal", () => {
    const l = Float64Array.of(2, 1, 0, 3, 5, 4, 0, 7);
    expect(logdetFromBlockCholesky(2, 2, l)).toBeCloseTo(2 * Math.log(210), 13);
    expect(logdetFromBlockCholesky(2, 2, l)).toBeCloseTo(
      logdetFromCholesky(2, l, 0, 2) + logdetFromCholesky(2, l, 4, 2),
      13,
    );
  });
});
