import { describe, expect, it } from "vitest";
import { tableColumn } from "../table/data-table";
import { nameRecord, ownEntries } from "./own-entries";

describe("name-safe lookups", () => {
  it("ownEntries sees only own keys, including __proto__ from JSON", () => {
    const parsed = JSON.parse('{"__proto__": 1, "toString": 2}') as Record<string, number>;
    const map = ownEntries(parsed);
    expect([...map]).toEqual([
      ["__proto__", 1],
      ["toString", 2],
    ]);
    const plain = ownEntries<number>({});
    expect(plain.get("constructor")).toBeUndefined();
    expect(plain.has("hasOwnProperty")).toBe(false);
    expect(ownEntries(undefined).size).toBe(0);
  });
  it("nameRecord stores __proto__ as an ordinary key", () => {
    const record = nameRecord<number>();
    const proto = "__proto__";
    record[proto] = 3;
    expect(Object.keys(record)).toEqual(["__proto__"]);
    expect(record.valueOf).toBeUndefined();
  });
  it("tableColumn does not read Object.prototype", () => {
    const values = new Float64Array([1]);
    const table = { nrow: 1, names: ["y"], columns: { y: { kind: "numeric" as const, values } } };
    expect(tableColumn(table, "y")?.kind).toBe("numeric");
    expect(tableColumn(table, "toString")).toBeUndefined();
    expect(tableColumn(table, "__proto__")).toBeUndefined();
  });
});
