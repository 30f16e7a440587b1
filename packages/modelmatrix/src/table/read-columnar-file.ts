import { readFile } from "node:fs/promises";
import { type CellValue, DataError, type DataTable, MixedModelsError } from "@mixedmodels/core";
import { columnFromCells, type TableOptions, toDataTable } from "./to-data-table";

/**
 * apache-arrow and hyparquet are optional peer dependencies: only these readers need them, so
 * installing modelmatrix (or the umbrella) does not pull them in; the CLI depends on both.
 * @throws MixedModelsError naming the package to install when it is missing.
 */
async function optionalPackage<Module>(name: string, load: () => Promise<Module>, what: string) {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new MixedModelsError(
        "missing-package",
        `reading ${what} needs the package '${name}': npm install ${name}`,
      );
    }
    throw error;
  }
}

/**
 * Reads an Apache Arrow IPC file (the file or the stream format, as `pyarrow.feather`,
 * R's `arrow::write_feather`/`write_ipc_stream` and `apache-arrow` write them) into a
 * `DataTable` as `toDataTable` reads an Arrow `Table`: numeric types are numeric columns,
 * strings and booleans categorical, dictionary-encoded columns factors with the dictionary's
 * level order (R factors keep their levels). Node only (`@mixedmodels/modelmatrix/node`); needs
 * the optional peer dependency `apache-arrow`.
 *
 * @throws the file system's error when the file cannot be read; DataError when it is not Arrow
 *   IPC or holds a column of a type with no numeric or text meaning (naming it).
 */
export async function readArrowFile(path: string, options: TableOptions = {}): Promise<DataTable> {
  const arrow = await optionalPackage("apache-arrow", () => import("apache-arrow"), "Arrow files");
  const bytes = await readFile(path);
  let table: ReturnType<typeof arrow.tableFromIPC>;
  try {
    table = arrow.tableFromIPC(bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`'${path}' is not an Arrow IPC file: ${reason}`);
  }
  return toDataTable(table, options);
}

/**
 * Reads a Parquet file into a `DataTable`: integer and floating-point columns numeric (64-bit
 * integers as numbers), strings and booleans categorical (levels in code-unit order, as from a
 * CSV; Parquet's dictionary pages are an encoding without a level order), nulls missing. Node
 * only (`@mixedmodels/modelmatrix/node`); needs the optional peer dependency `hyparquet` (pure
 * JavaScript, no native code).
 *
 * @throws the file system's error when the file cannot be read; DataError when it is not Parquet
 *   or holds a column of another type (dates, lists, binary), naming the column.
 */
export async function readParquetFile(
  path: string,
  options: TableOptions = {},
): Promise<DataTable> {
  const parquet = await optionalPackage("hyparquet", () => import("hyparquet"), "Parquet files");
  const file = await parquet.asyncBufferFromFile(path);
  let metadata: Awaited<ReturnType<typeof parquet.parquetMetadataAsync>>;
  try {
    metadata = await parquet.parquetMetadataAsync(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`'${path}' is not a Parquet file: ${reason}`);
  }
  const names = parquet.parquetSchema(metadata).children.map((child) => child.element.name);
  const rows = await new Promise<unknown[][]>((resolve, reject) => {
    parquet
      .parquetRead({ file, metadata, onComplete: (data) => resolve(data as unknown[][]) })
      .catch(reject);
  });
  const columns: Record<string, ReturnType<typeof columnFromCells>> = Object.create(null);
  names.forEach((name, j) => {
    const cells: CellValue[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) cells[i] = parquetCell(rows[i][j], name, i);
    columns[name] = columnFromCells(cells);
  });
  return toDataTable({ nrow: rows.length, names, columns }, options);
}

function parquetCell(value: unknown, column: string, row: number): CellValue {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "bigint":
      return Number(value);
    case "undefined":
      return null;
    default:
      if (value === null) return null;
      throw new DataError(
        `Parquet column '${column}' holds ${value instanceof Date ? "dates" : "values of a nested or binary type"} (row ${row}); only numbers, strings and booleans can be model data`,
        { column, row },
      );
  }
}
