import { readFileSync } from "node:fs";
import type { DataTable } from "@mixedmodels/core";
import { parseCsv } from "../src/table/parse-csv";

interface Schema {
  readonly columns: Record<string, { type: string; levels?: string[] }>;
}

const fixtures = new URL("./fixtures/", import.meta.url);
const cache = new Map<string, DataTable>();

/** A dataset from test/fixtures/datasets, factor columns with the schema's (R's) level order. */
export function loadDataset(name: string): DataTable {
  const cached = cache.get(name);
  if (cached) return cached;
  const schema = JSON.parse(
    readFileSync(new URL(`datasets/${name}.schema.json`, fixtures), "utf8"),
  ) as Schema;
  const levels: Record<string, string[]> = {};
  for (const [column, info] of Object.entries(schema.columns)) {
    if (info.type === "factor" && info.levels) levels[column] = info.levels;
  }
  const table = parseCsv(readFileSync(new URL(`datasets/${name}.csv`, fixtures), "utf8"), {
    levels,
  });
  cache.set(name, table);
  return table;
}

export interface ReferenceFit {
  readonly id: string;
  readonly dataset: string;
  readonly formula: string;
  readonly nobs: number;
  readonly fixef: { readonly names: string[] };
  readonly ngroups: Record<string, number>;
  readonly theta_names: string[];
  readonly ranef?: { group: string; levels: string[]; names: string[] }[];
}

export function loadReference(id: string): ReferenceFit {
  return JSON.parse(
    readFileSync(new URL(`references/${id}.json`, fixtures), "utf8"),
  ) as ReferenceFit;
}
