import { DataError, type DataTable } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { toDataTable } from "./to-data-table";

function levelsOf(table: DataTable, name: string): readonly string[] {
  const column = table.columns[name];
  if (column.kind !== "categorical") throw new Error(`${name} is numeric`);
  return column.levels;
}

function codesOf(table: DataTable, name: string): number[] {
  const column = table.columns[name];
  if (column.kind !== "categorical") throw new Error(`${name} is numeric`);
  return Array.from(column.codes);
}

describe("toDataTable", () => {
  it("infers numeric and categorical columns from a record of plain columns", () => {
    const table = toDataTable({ y: [1, 2, 3], g: ["b", "a", "b"], flag: [true, false, true] });
    expect(table.nrow).toBe(3);
    expect(table.names).toEqual(["y", "g", "flag"]);
    expect(table.columns.y.kind).toBe("numeric");
    expect(levelsOf(table, "g")).toEqual(["a", "b"]);
    expect(codesOf(table, "g")).toEqual([1, 0, 1]);
    expect(levelsOf(table, "flag")).toEqual(["FALSE", "TRUE"]);
  });

  it("treats null, undefined, NaN, empty strings and NA as missing", () => {
    const table = toDataTable({
      x: [1, null, Number.NaN, undefined, 5],
      g: ["a", "", "NA", null, "b"],
    });
    const x = table.columns.x;
    expect(x.kind).toBe("numeric");
    if (x.kind === "numeric")
      expect(Array.from(x.values, Number.isNaN)).toEqual([false, true, true, true, false]);
    expect(codesOf(table, "g")).toEqual([0, -1, -1, -1, 1]);
  });

  it("orders numeric-looking labels numerically and other labels by code unit", () => {
    const table = toDataTable({ id: ["10", "9", "1", "9"], name: ["b", "B", "a", "A"] });
    expect(levelsOf(table, "id")).toEqual(["1", "9", "10"]);
    expect(levelsOf(table, "name")).toEqual(["A", "B", "a", "b"]);
  });

  it("makes a column mixing numbers and non-numeric strings categorical", () => {
    const table = toDataTable({ v: [2, "low", 10, "high"] });
    expect(levelsOf(table, "v")).toEqual(["10", "2", "high", "low"]);
  });

  it("reads an array of row objects, a missing key being a missing cell", () => {
    const table = toDataTable([{ y: 1, g: "a" }, { y: 2, g: "b", extra: 7 }, { g: "a" }]);
    expect(table.names).toEqual(["y", "g", "extra"]);
    const y = table.columns.y;
    if (y.kind !== "numeric") throw new Error("y should be numeric");
    expect(Number.isNaN(y.values[2])).toBe(true);
    expect(codesOf(table, "g")).toEqual([0, 1, 0]);
  });

  it("converts declared categorical columns, levels in numeric order", () => {
    const table = toDataTable({ dept: [15, 5, 10, 5, Number.NaN] }, { categorical: ["dept"] });
    expect(levelsOf(table, "dept")).toEqual(["5", "10", "15"]);
    expect(codesOf(table, "dept")).toEqual([2, 0, 1, 0, -1]);
  });

  it("applies explicit levels to plain, numeric and already categorical columns", () => {
    const plain = toDataTable({ g: ["lo", "hi", "mid"] }, { levels: { g: ["lo", "mid", "hi"] } });
    expect(codesOf(plain, "g")).toEqual([0, 2, 1]);
    const numeric = toDataTable({ d: [15, 5] }, { levels: { d: ["15", "5"] } });
    expect(codesOf(numeric, "d")).toEqual([0, 1]);
    const again = toDataTable(plain, { levels: { g: ["hi", "mid", "lo"] } });
    expect(codesOf(again, "g")).toEqual([2, 0, 1]);
  });

  it("returns a DataTable unchanged when no option applies", () => {
    const table = toDataTable({ y: [1, 2] });
    expect(toDataTable(table)).toBe(table);
  });

  it("accepts already normalized columns", () => {
    const table = toDataTable({
      y: { kind: "numeric", values: new Float64Array([1, 2]) },
      g: { kind: "categorical", levels: ["u", "v"], codes: new Int32Array([1, 0]) },
    });
    expect(codesOf(table, "g")).toEqual([1, 0]);
  });

  it("rejects unequal column lengths, naming both columns", () => {
    expect(() => toDataTable({ y: [1, 2, 3], g: ["a", "b"] })).toThrowError(
      /'y' has 3 values but 'g' has 2/,
    );
  });

  it("rejects a value outside explicit levels, and options naming unknown columns", () => {
    expect(() => toDataTable({ g: ["a", "c"] }, { levels: { g: ["a", "b"] } })).toThrowError(
      DataError,
    );
    expect(() => toDataTable({ group: ["a"] }, { categorical: ["grup"] })).toThrowError(
      /column 'grup' not found; did you mean 'group'\?/,
    );
  });
});

describe("toDataTable on caller-built tables", () => {
  it("rejects columns shorter than nrow and codes outside the levels", () => {
    const shortColumn = {
      nrow: 3,
      names: ["y"],
      columns: { y: { kind: "numeric" as const, values: new Float64Array(2) } },
    };
    expect(() => toDataTable(shortColumn)).toThrowError(
      /'y' has 2 values but the table has 3 rows/,
    );
    const badCode = {
      g: { kind: "categorical" as const, levels: ["a"], codes: new Int32Array([0, 3]) },
    };
    expect(() => toDataTable(badCode)).toThrowError(/code 3 in row 1/);
  });
});
