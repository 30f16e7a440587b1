import { readFile } from "node:fs/promises";
import type { DataTable } from "@mixedmodels/core";
import { type CsvOptions, parseCsv } from "./parse-csv";

/**
 * Reads a CSV file (UTF-8) with `parseCsv`. Node only: exported from
 * `@mixedmodels/modelmatrix/node`, not from the default entry.
 *
 * @throws the file system's error when the file cannot be read; `DataError` as `parseCsv`.
 */
export async function readCsvFile(path: string, options: CsvOptions = {}): Promise<DataTable> {
  return parseCsv(await readFile(path, "utf8"), options);
}
