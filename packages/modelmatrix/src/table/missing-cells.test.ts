import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv";
import { toDataTable } from "./to-data-table";

describe('a "NaN" string cell', () => {
  it("is missing through the API, in a text column and in a numeric one", () => {
    const table = toDataTable({ f: ["a", "NaN", "b"], x: [1, "NaN", 3] });
    const f = table.columns.f;
    if (f.kind !== "categorical") throw new Error("f should be categorical");
    expect(f.levels).toEqual(["a", "b"]);
    expect(Array.from(f.codes)).toEqual([0, -1, 1]);
    const x = table.columns.x;
    expect(x.kind === "numeric" && Array.from(x.values)).toEqual([1, Number.NaN, 3]);
    const rows = toDataTable([{ f: "a" }, { f: "NaN" }, { f: "b" }]).columns.f;
    expect(rows.kind === "categorical" && Array.from(rows.codes)).toEqual([0, -1, 1]);
  });
  it("is missing in CSV text the same way, quoted or not", () => {
    const table = parseCsv('f,x,q\na,1,"a"\nNaN,NaN,"NaN"\nb,3,"b"\n');
    for (const name of ["f", "q"]) {
      const column = table.columns[name];
      if (column.kind !== "categorical") throw new Error(`${name} should be categorical`);
      expect(column.levels).toEqual(["a", "b"]);
      expect(Array.from(column.codes)).toEqual([0, -1, 1]);
    }
    const x = table.columns.x;
    expect(x.kind === "numeric" && Array.from(x.values)).toEqual([1, Number.NaN, 3]);
  });
});
