import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type CsvCell, parseCsv } from "../scripts/encode.mjs";

export interface SchemaColumn {
  readonly type: "factor" | "integer" | "numeric";
  readonly levels?: readonly string[];
  readonly ordered?: boolean;
}

export interface SourceDataset {
  readonly schema: {
    readonly name: string;
    readonly source: string;
    readonly nrow: number;
    readonly columns: Readonly<Record<string, SchemaColumn>>;
  };
  readonly header: readonly string[];
  readonly rows: readonly (readonly CsvCell[])[];
}

const dataDir = join(import.meta.dirname, "..", "data");

/** The package's copy of a dataset's CSV and schema, the generator's input (test-time only). */
export function readSourceDataset(name: string): SourceDataset {
  const schema = JSON.parse(readFileSync(join(dataDir, `${name}.schema.json`), "utf8"));
  const rows = parseCsv(readFileSync(join(dataDir, `${name}.csv`), "utf8"));
  const header = rows.shift()?.map((cell) => cell.text) ?? [];
  return { schema, header, rows };
}
