import { describe, expect, it } from "vitest";
import { erfc, twoSidedNormalPValue } from "./normal-tail";

describe("erfc and the two-sided normal p-value", () => {
  it("match tabulated values across the series / continued-fraction switch", () => {
    // erfc reference values to double precision (as scipy.special.erfc gives them).
    const table: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [1.9, 0.007209570764742524],
      [2, 0.004677734981047266],
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
      [10, 2.088487583762545e-45],
    ];
    for (const [x, expected] of table) {
      expect(Math.abs(erfc(x) - expected)).toBeLessThanOrEqual(1e-13 * expected + 1e-16);
    }
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 14);
  });

  it("gives 2(1 − Φ(|z|)) with the familiar 1.96 ↦ 0.05", () => {
    expect(twoSidedNormalPValue(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedNormalPValue(-1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedNormalPValue(0)).toBe(1);
    expect(twoSidedNormalPValue(Number.NaN)).toBeNaN();
    expect(twoSidedNormalPValue(40)).toBe(0);
  });
});
