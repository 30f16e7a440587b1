import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DataTable } from "@mixedmodels/core";
import * as datasets from "@mixedmodels/datasets";

/** An lme4 reference fit (the models package's fixtures, copied from the shared reference set). */
export interface ReferenceFit {
  readonly id: string;
  readonly dataset: string;
  readonly formula: string;
  readonly reml: boolean;
  readonly objective: number;
  readonly theta: number[];
  readonly theta_names: string[];
  readonly objective_at: { theta: number[]; objective: number }[];
}

const fixtures = resolve(import.meta.dirname, "../../../models/test/fixtures");

export function referenceIds(): string[] {
  return readdirSync(fixtures)
    .filter((file) => file.endsWith(".json"))
    .map((file) => file.replace(/\.json$/, ""));
}

export function loadReference(id: string): ReferenceFit {
  return JSON.parse(readFileSync(join(fixtures, `${id}.json`), "utf8")) as ReferenceFit;
}

export function datasetTable(name: string): DataTable {
  const table = (datasets as unknown as Record<string, DataTable>)[name];
  if (table === undefined) throw new Error(`no dataset ${name}`);
  return table;
}

/**
 * The table a reference case is fitted on: its dataset, plus Days2 = Days² for
 * sleepstudy_quadratic_ml (as the models package's reference helper builds it).
 */
export function referenceTable(reference: ReferenceFit): DataTable {
  const table = datasetTable(reference.dataset);
  if (!reference.formula.includes("Days2")) return table;
  const days = table.columns.Days;
  if (days.kind !== "numeric") throw new Error("sleepstudy's Days is not numeric");
  const values = days.values.map((day) => day * day);
  return {
    nrow: table.nrow,
    names: [...table.names, "Days2"],
    columns: { ...table.columns, Days2: { kind: "numeric", values } },
  };
}

/** The explicit level order of every categorical column (R's factor levels), as the table has it. */
export function tableLevels(table: DataTable): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const name of table.names) {
    const column = table.columns[name];
    if (column.kind === "categorical") out[name] = column.levels;
  }
  return out;
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The table as CSV (every categorical column quoted, so DuckDB reads it as text, as the table
 * has it) and as Parquet written by DuckDB's COPY from that CSV, in a new temporary directory.
 */
export async function writeDatasetFiles(
  table: DataTable,
): Promise<{ csv: string; parquet: string }> {
  const directory = mkdtempSync(join(tmpdir(), "mixedmodels-duckdb-"));
  const csv = join(directory, "data.csv");
  const parquet = join(directory, "data.parquet");
  const lines = [table.names.map(csvField).join(",")];
  for (let t = 0; t < table.nrow; t++) {
    lines.push(
      table.names
        .map((name) => {
          const column = table.columns[name];
          if (column.kind === "numeric") return String(column.values[t]);
          const code = column.codes[t];
          return code < 0 ? "" : `"${column.levels[code].replaceAll('"', '""')}"`;
        })
        .join(","),
    );
  }
  writeFileSync(csv, `${lines.join("\n")}\n`);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT * FROM ${csvSource(csv, table)}) TO '${parquet}' (FORMAT PARQUET)`,
  );
  connection.closeSync();
  instance.closeSync();
  return { csv, parquet };
}

/** read_csv with the categorical columns typed as text (DuckDB would sniff "308" as a number). */
export function csvSource(csv: string, table: DataTable): string {
  const types = table.names
    .filter((name) => table.columns[name].kind === "categorical")
    .map((name) => `'${name}': 'VARCHAR'`);
  return `read_csv('${csv}', header = true, types = {${types.join(", ")}})`;
}
