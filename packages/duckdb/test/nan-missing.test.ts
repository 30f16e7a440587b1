import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { DataError } from "@mixedmodels/core";
import { readParquetFile } from "@mixedmodels/modelmatrix/node";
import { LinearMixedModel } from "@mixedmodels/models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crossProductSQL, lmmFromDuckDB } from "../src/index";
import { datasetTable } from "./helpers/reference-cases";
import { expectSameFit } from "./helpers/same-fit";

type Cell = number | null;

/**
 * sleepstudy with a covariate x; NaN planted in the response and in x, NULL in both, on rows
 * chosen so that the four kinds overlap in some rows and not in others. Written as a Parquet
 * file of DOUBLE columns by DuckDB (from a CSV whose cells read "NaN" or nothing).
 */
function plantedRows() {
  const table = datasetTable("sleepstudy");
  const reaction = table.columns.Reaction;
  const days = table.columns.Days;
  const subject = table.columns.Subject;
  if (reaction.kind !== "numeric" || days.kind !== "numeric" || subject.kind !== "categorical") {
    throw new Error("unexpected sleepstudy columns");
  }
  const n = table.nrow;
  const y: Cell[] = Array.from(reaction.values);
  const x: Cell[] = Array.from({ length: n }, (_, t) => Math.cos(t));
  const missing = new Set<number>();
  for (let t = 0; t < n; t++) {
    if (t % 11 === 2) y[t] = Number.NaN;
    if (t % 13 === 7) y[t] = null;
    if (t % 7 === 3) x[t] = Number.NaN;
    if (t % 17 === 5) x[t] = null;
    if (y[t] === null || x[t] === null || Number.isNaN(y[t]) || Number.isNaN(x[t])) missing.add(t);
  }
  return {
    n,
    y,
    x,
    days: Array.from(days.values),
    subject: Array.from(subject.codes, (code) => subject.levels[code]),
    missing: [...missing].sort((a, b) => a - b),
  };
}

async function writeFiles(
  rows: ReturnType<typeof plantedRows>,
): Promise<{ csv: string; parquet: string }> {
  const directory = mkdtempSync(join(tmpdir(), "mixedmodels-duckdb-nan-"));
  const csv = join(directory, "planted.csv");
  const parquet = join(directory, "planted.parquet");
  const cell = (value: Cell) => (value === null ? "" : String(value));
  const lines = ["Reaction,Days,Subject,x"];
  for (let t = 0; t < rows.n; t++) {
    lines.push(`${cell(rows.y[t])},${rows.days[t]},"${rows.subject[t]}",${cell(rows.x[t])}`);
  }
  writeFileSync(csv, `${lines.join("\n")}\n`);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM read_csv('${csv}', header = true, types = {'Reaction': 'DOUBLE', 'x': 'DOUBLE', 'Subject': 'VARCHAR'})) TO '${parquet}' (FORMAT PARQUET)`,
  );
  connection.closeSync();
  instance.closeSync();
  return { csv, parquet };
}

describe("DuckDB engine: NaN in Parquet DOUBLE columns is missing, as in memory", () => {
  const rows = plantedRows();
  const formula = "Reaction ~ 1 + Days + x + (1 + Days | Subject)";
  let parquet: string;
  let csv: string;
  let instance: DuckDBInstance;
  beforeAll(async () => {
    ({ csv, parquet } = await writeFiles(rows));
    instance = await DuckDBInstance.create(":memory:");
  }, 60_000);
  afterAll(() => instance.closeSync());

  it("the file holds real NaN and NULL cells in DOUBLE columns", async () => {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT typeof(Reaction), typeof(x), SUM(CASE WHEN isnan(Reaction) THEN 1 ELSE 0 END), COUNT(*) - COUNT(Reaction), SUM(CASE WHEN isnan(x) THEN 1 ELSE 0 END), COUNT(*) - COUNT(x) FROM read_parquet('${parquet}') GROUP BY ALL`,
    );
    connection.closeSync();
    const [row] = reader.getRows();
    const count = (test: (t: number) => boolean) =>
      Array.from({ length: rows.n }, (_, t) => t).filter(test).length;
    expect(row.map((value) => (typeof value === "bigint" ? Number(value) : value))).toEqual([
      "DOUBLE",
      "DOUBLE",
      count((t) => Number.isNaN(rows.y[t])),
      count((t) => rows.y[t] === null),
      count((t) => Number.isNaN(rows.x[t])),
      count((t) => rows.x[t] === null),
    ]);
  });

  it("drops the same rows and fits as the in-memory model of the same file", async () => {
    // In memory from the same Parquet file, and from the planted values themselves.
    const fromFile = LinearMixedModel.fromFormula(formula, await readParquetFile(parquet));
    expect(Array.from(fromFile.parts.droppedRows)).toEqual(rows.missing);
    const memory = LinearMixedModel.fromFormula(formula, rowsTable(rows));
    expect(Array.from(memory.parts.droppedRows)).toEqual(rows.missing);

    // And from the CSV the file was written from ("NaN" and empty cells, read as DOUBLE).
    const fromCsv = await lmmFromDuckDB(formula, `read_csv('${csv}', header = true)`);
    expect(fromCsv.nobs).toBe(memory.nobs);
    const model = await lmmFromDuckDB(formula, `read_parquet('${parquet}')`);
    expect(model.nobs).toBe(rows.n - rows.missing.length);
    expect(model.nobs).toBe(memory.nobs);
    for (const theta of [
      [1, 0, 1],
      [0.7, 0.2, 0.25],
    ]) {
      const expected = memory.objectiveAt(theta);
      expect(Math.abs(model.objectiveAt(theta) - expected)).toBeLessThan(
        1e-10 * Math.abs(expected),
      );
      expect(fromFile.objectiveAt(theta)).toBe(expected);
      expect(Math.abs(fromCsv.objectiveAt(theta) - expected)).toBeLessThan(
        1e-10 * Math.abs(expected),
      );
    }
    expectSameFit(memory, model);
  });

  it("writes the NaN test as plain comparisons, not isnan or x <> x", async () => {
    const connection = await instance.connect();
    const sql = await crossProductSQL(formula, `read_parquet('${parquet}')`, { connection });
    connection.closeSync();
    expect(sql).toContain('("x" <= 0.0 OR -"x" <= 0.0)');
    expect(sql).toContain('("Reaction" <= 0.0 OR -"Reaction" <= 0.0)');
    expect(sql.toLowerCase()).not.toContain("isnan");
  });

  it("refuses ±∞ in a DOUBLE column with a DataError naming the column, as in memory", async () => {
    const connection = await instance.connect();
    const source = `(SELECT Reaction, Days, Subject, CASE WHEN Days = 4 AND Subject = '309' THEN CAST('-Infinity' AS DOUBLE) ELSE x END AS x FROM read_parquet('${parquet}'))`;
    const error = await lmmFromDuckDB(formula, source, { connection }).catch((e) => e);
    connection.closeSync();
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toContain("'x' is -Infinity");
    const memory = (() => {
      const x = rows.x.map((value, t) =>
        rows.days[t] === 4 && rows.subject[t] === "309" ? Number.NEGATIVE_INFINITY : value,
      );
      try {
        LinearMixedModel.fromFormula(formula, { ...rowsTable(rows), x });
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(memory).toBeInstanceOf(DataError);
    expect((memory as DataError).message).toContain("'x' is -Infinity");
  });
});

function rowsTable(rows: ReturnType<typeof plantedRows>) {
  return { Reaction: rows.y, Days: rows.days, Subject: rows.subject, x: rows.x };
}
