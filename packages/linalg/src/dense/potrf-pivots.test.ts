import { describe, expect, it } from "vitest";
import { potrf } from "./potrf";

// Where potrf reports a failing pivot in the recursive path (n > 64: two halves of 50 for
// n = 100) and for an exact zero on the last pivot (issue 19: mutation testing found that the
// recursion's `failed >= 0` and `failedSecond < 0` could be `> 0` / `<= 0`, and `pivot > 0` be
// `>= 0`, without a test noticing). The identity with one diagonal entry changed fails exactly
// there, whatever the order of the operations.
function identityWith(n: number, row: number, value: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i + i * n] = 1;
  a[row + row * n] = value;
  return a;
}

describe("potrf's failing pivot", () => {
  it("is row 0 when the first half's first pivot fails (n = 100)", () => {
    expect(potrf(100, identityWith(100, 0, -1), 0, 100)).toBe(0);
  });

  it("is row 50 when the second half's first pivot fails (n = 100)", () => {
    expect(potrf(100, identityWith(100, 50, -1), 0, 100)).toBe(50);
    expect(potrf(100, identityWith(100, 99, 0), 0, 100)).toBe(99);
  });

  it("is the last row for an exact zero there, in the leaf", () => {
    expect(potrf(3, identityWith(3, 2, 0), 0, 3)).toBe(2);
    expect(potrf(3, identityWith(3, 2, 1), 0, 3)).toBe(-1);
  });
});
