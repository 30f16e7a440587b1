import { type DataColumn, DataError, type DataTable, isDataTable } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import {
  arabidopsis,
  cake,
  cbpp,
  datasetInfo,
  datasetNames,
  dyestuff,
  dyestuff2,
  grouseticks,
  insteval,
  loadDataset,
  pastes,
  penicillin,
  sleepstudy,
  verbagg,
} from "../src/index";
import { readSourceDataset } from "./read-source-data";

const tables: Record<string, DataTable> = {
  arabidopsis,
  cake,
  cbpp,
  dyestuff,
  dyestuff2,
  grouseticks,
  insteval,
  pastes,
  penicillin,
  sleepstudy,
  verbagg,
};

function cell(table: DataTable, column: string, row: number): string | number | null {
  const data: DataColumn = table.columns[column];
  if (data.kind === "numeric") return Number.isNaN(data.values[row]) ? null : data.values[row];
  const code = data.codes[row];
  return code < 0 ? null : data.levels[code];
}

describe("datasets", () => {
  it("ships the eleven lme4 datasets under their export names", () => {
    expect([...datasetNames].sort()).toEqual(Object.keys(tables).sort());
  });

  for (const [name, table] of Object.entries(tables)) {
    describe(name, () => {
      const source = readSourceDataset(name);

      it("has the schema's row count, column names, types and level order", () => {
        expect(isDataTable(table)).toBe(true);
        expect(table.nrow).toBe(source.schema.nrow);
        expect(table.names).toEqual(Object.keys(source.schema.columns));
        expect(table.names).toEqual(source.header);
        for (const [column, spec] of Object.entries(source.schema.columns)) {
          const data = table.columns[column];
          if (spec.type === "factor") {
            expect(data.kind).toBe("categorical");
            if (data.kind !== "categorical") continue;
            expect(data.levels.length).toBe(spec.levels?.length);
            expect(data.levels).toEqual(spec.levels);
            expect(data.codes).toBeInstanceOf(Int32Array);
            expect(data.codes.length).toBe(table.nrow);
          } else {
            expect(data.kind).toBe("numeric");
            if (data.kind !== "numeric") continue;
            expect(data.values).toBeInstanceOf(Float64Array);
            expect(data.values.length).toBe(table.nrow);
          }
        }
      });

      it("holds every cell of the CSV, first and last rows included", () => {
        for (const row of [0, table.nrow - 1]) {
          source.header.forEach((column, c) => {
            const text = source.rows[row][c].text;
            const expected = source.schema.columns[column].type === "factor" ? text : Number(text);
            expect(cell(table, column, row), `${name}.${column}[${row}]`).toBe(expected);
          });
        }
        let mismatches = 0;
        source.rows.forEach((cells, row) => {
          source.header.forEach((column, c) => {
            const text = cells[c].text;
            const expected =
              text === ""
                ? null
                : source.schema.columns[column].type === "factor"
                  ? text
                  : Number(text);
            if (cell(table, column, row) !== expected) mismatches++;
          });
        });
        expect(mismatches).toBe(0);
      });

      it("is described by datasetInfo without surprises", () => {
        const info = datasetInfo(name);
        expect(info.name).toBe(name);
        expect(info.rName).toBe(source.schema.name);
        expect(info.nrow).toBe(table.nrow);
        expect(info.source).toContain(source.schema.source);
        expect(info.columns.map((column) => column.name)).toEqual(table.names);
        for (const column of info.columns) {
          const spec = source.schema.columns[column.name];
          expect(column.type).toBe(spec.type);
          if (spec.type === "factor") {
            expect(column.levels).toEqual(spec.levels);
            expect(column.ordered).toBe(spec.ordered);
          }
        }
        expect(info.citation.length).toBeGreaterThan(20);
        expect(info.description.length).toBeGreaterThan(20);
      });
    });
  }

  it("spot values match lme4's data", () => {
    expect(cell(sleepstudy, "Reaction", 0)).toBe(249.56);
    expect(cell(sleepstudy, "Days", 179)).toBe(9);
    expect(cell(sleepstudy, "Subject", 179)).toBe("372");
    expect(cell(dyestuff, "Yield", 0)).toBe(1545);
    expect(cell(dyestuff2, "Yield", 29)).toBe(3.758);
    expect(cell(pastes, "sample", 59)).toBe("J:c");
    expect(cell(grouseticks, "cHEIGHT", 402)).toBe(-12.2406947890819);
    expect(cell(insteval, "d", 0)).toBe("1002");
    expect(cell(insteval, "s", 73420)).toBe("2972");
    expect(cell(insteval, "y", 73420)).toBe(3);
    expect(cell(verbagg, "item", 7583)).toBe("S4DoShout");
    expect(cell(arabidopsis, "total.fruits", 624)).toBe(3);
  });

  it("keeps R's level order, not sorted order (VerbAgg items, sleepstudy subjects)", () => {
    const item = verbagg.columns.item;
    expect(item.kind === "categorical" && item.levels.slice(0, 3)).toEqual([
      "S1WantCurse",
      "S1WantScold",
      "S1WantShout",
    ]);
    const temperature = cake.columns.temperature;
    expect(temperature.kind === "categorical" && temperature.levels[0]).toBe("175");
  });

  it("loadDataset returns the named export, case-insensitively", () => {
    expect(loadDataset("sleepstudy")).toBe(sleepstudy);
    expect(loadDataset("InstEval")).toBe(insteval);
    expect(loadDataset("Dyestuff2")).toBe(dyestuff2);
  });

  it("rejects an unknown name with the list of available ones", () => {
    expect(() => loadDataset("iris")).toThrow(DataError);
    expect(() => loadDataset("iris")).toThrow(/available datasets: dyestuff, dyestuff2/);
    expect(() => datasetInfo("")).toThrow(DataError);
    expect(() => loadDataset("toString")).toThrow(DataError);
  });

  it("decodes a table once and hands back the same columns", () => {
    expect(penicillin.columns).toBe(penicillin.columns);
    expect(Object.isFrozen(penicillin.columns)).toBe(true);
    expect(Object.isFrozen(penicillin.names)).toBe(true);
    const plate = penicillin.columns.plate;
    expect(plate.kind === "categorical" && Object.isFrozen(plate.levels)).toBe(true);
    expect({ ...cbpp }.columns).toBe(cbpp.columns);
  });
});
