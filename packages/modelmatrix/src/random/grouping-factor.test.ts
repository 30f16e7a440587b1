import { describe, expect, it } from "vitest";
import type { CategoricalFactor } from "../evaluate/evaluate-factor";
import { groupingFactor } from "./grouping-factor";

function factor(levels: string[], codes: number[]): CategoricalFactor {
  return {
    kind: "categorical",
    label: "f",
    variable: "f",
    codes: Int32Array.from(codes),
    levels,
    allLevels: levels,
  };
}

describe("groupingFactor", () => {
  it("returns a single factor's levels and codes", () => {
    const result = groupingFactor([factor(["a", "b"], [1, 0, 1])]);
    expect(result.levels).toEqual(["a", "b"]);
    expect(Array.from(result.refs)).toEqual([1, 0, 1]);
  });

  it("orders observed combinations by the first factor, then the second, dropping absent ones", () => {
    const batch = factor(["A", "B", "C"], [2, 0, 0, 2, 1]);
    const cask = factor(["a", "b"], [0, 1, 0, 0, 1]);
    const result = groupingFactor([batch, cask]);
    expect(result.levels).toEqual(["A:a", "A:b", "B:b", "C:a"]);
    expect(Array.from(result.refs, (r) => result.levels[r])).toEqual([
      "C:a",
      "A:b",
      "A:a",
      "C:a",
      "B:b",
    ]);
  });
});
