import { describe, expect, it } from "vitest";
import { encodeColumn, parseCsv } from "../scripts/encode.mjs";

const cell = (text: string, quoted = false) => ({ text, quoted });

describe("the generator's encoder (scripts/encode.mjs)", () => {
  it("parses quoted cells, doubled quotes, empty cells and CRLF line ends", () => {
    expect(parseCsv('"a","b"\r\n"x ""y""",\r\n,2\n')).toEqual([
      [cell("a", true), cell("b", true)],
      [cell('x "y"', true), cell("")],
      [cell(""), cell("2")],
    ]);
  });

  it("refuses a factor value that is not one of the schema's levels", () => {
    expect(() =>
      encodeColumn("toy", "g", { type: "factor", levels: ["a", "b"] }, [
        cell("a", true),
        cell("c", true),
      ]),
    ).toThrow(/'c' in g, row 2, is not a schema level/);
  });

  it("refuses text in a numeric column and fractions in an integer column", () => {
    expect(() => encodeColumn("toy", "x", { type: "numeric" }, [cell("1.5"), cell("abc")])).toThrow(
      /is not a number/,
    );
    expect(() => encodeColumn("toy", "x", { type: "numeric" }, [cell("1", true)])).toThrow(
      /is not a number/,
    );
    expect(() => encodeColumn("toy", "n", { type: "integer" }, [cell("1.5")])).toThrow(
      /1.5 in integer column n/,
    );
  });

  it("stores small-range integers as digits and everything else as JSON", () => {
    expect(encodeColumn("toy", "n", { type: "integer" }, [cell("3"), cell(""), cell("5")])).toEqual(
      {
        kind: "integer-digits",
        offset: 3,
        width: 1,
        digits: "$#&",
      },
    );
    expect(encodeColumn("toy", "x", { type: "numeric" }, [cell("0.25"), cell("NA")])).toEqual({
      kind: "numeric-json",
      type: "numeric",
      json: "[0.25,null]",
    });
  });
});
