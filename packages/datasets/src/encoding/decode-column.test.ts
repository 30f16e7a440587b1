import { DataError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { decodeColumn } from "./decode-column";

describe("decodeColumn", () => {
  it("maps a stored 0 to a missing value in every column kind", () => {
    const factor = decodeColumn(
      "g",
      { kind: "factor", levels: ["a", "b"], ordered: false, width: 1, codes: "$#%" },
      3,
    );
    expect(factor.kind === "categorical" && Array.from(factor.codes)).toEqual([0, -1, 1]);
    const integer = decodeColumn(
      "n",
      { kind: "integer-digits", offset: -5, width: 1, digits: "#$%" },
      3,
    );
    expect(integer.kind === "numeric" && Array.from(integer.values)).toEqual([Number.NaN, -5, -4]);
    const numeric = decodeColumn(
      "x",
      { kind: "numeric-json", type: "numeric", json: "[1.5,null,-2e-300]" },
      3,
    );
    expect(numeric.kind === "numeric" && Array.from(numeric.values)).toEqual([
      1.5,
      Number.NaN,
      -2e-300,
    ]);
  });

  it("reads multi-digit codes most significant digit first", () => {
    // "$#" is 1*91 + 0 = 91, level index 90.
    const levels = Array.from({ length: 100 }, (_, i) => `L${i}`);
    const column = decodeColumn(
      "g",
      { kind: "factor", levels, ordered: false, width: 2, codes: "$##$" },
      2,
    );
    expect(column.kind === "categorical" && Array.from(column.codes)).toEqual([90, 0]);
  });

  it("rejects encoded data of the wrong length, bad digits and codes beyond the levels", () => {
    const factor = { kind: "factor", levels: ["a"], ordered: false, width: 1 } as const;
    expect(() => decodeColumn("g", { ...factor, codes: "$$" }, 3)).toThrow(DataError);
    expect(() => decodeColumn("g", { ...factor, codes: "$\\$" }, 3)).toThrow(
      /invalid digit in row 1/,
    );
    expect(() => decodeColumn("g", { ...factor, codes: "$é$" }, 3)).toThrow(DataError);
    expect(() => decodeColumn("g", { ...factor, codes: "$%$" }, 3)).toThrow(/beyond its 1 levels/);
    expect(() =>
      decodeColumn("x", { kind: "numeric-json", type: "numeric", json: "[1]" }, 2),
    ).toThrow(DataError);
  });
});
