import type { DataTable } from "@mixedmodels/core";
import { type CsvOptions, parseCsv } from "./parse-csv";

/**
 * Reads a CSV file (UTF-8) with `parseCsv`. Node only: `node:fs` is imported on first call, so
 * bundling this package for a browser does not pull it in.
 *
 * @throws the file system's error when the file cannot be read; `DataError` as `parseCsv`.
 */
export async function readCsvFile(path: string, options: CsvOptions = {}): Promise<DataTable> {
  const { readFile } = await import("node:fs/promises");
  return parseCsv(await readFile(path, "utf8"), options);
}
