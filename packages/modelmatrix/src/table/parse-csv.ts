import { type CellValue, DataError, type DataTable } from "@mixedmodels/core";
import { parse } from "csv-parse/sync";
import { columnFromCells, type TableOptions, toDataTable } from "./to-data-table";

/** Options of {@link parseCsv}: column typing as in `toDataTable`, plus the field delimiter. */
export interface CsvOptions extends TableOptions {
  /** Field delimiter; default ",". */
  readonly delimiter?: string;
}

/**
 * Parses CSV text with a header row into a `DataTable`.
 *
 * Typing follows R's `write.csv` convention: a quoted field is text, an unquoted field that
 * parses as a number is a number, so `"1","2"` columns become categorical (levels in numeric
 * order) and unquoted `1,2` columns numeric. Empty fields and `NA` are missing.
 *
 * @throws DataError when the text is not valid CSV (with the line), has no header, rows have a
 *   different number of fields than the header, or an option names an unknown column.
 */
export function parseCsv(text: string, options: CsvOptions = {}): DataTable {
  let records: CellValue[][];
  try {
    records = parse(text, {
      delimiter: options.delimiter ?? ",",
      skip_empty_lines: true,
      bom: true,
      cast: castField,
    }) as unknown as CellValue[][];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DataError(`invalid CSV: ${message}`);
  }
  if (records.length === 0) throw new DataError("invalid CSV: no header row");
  const names = records[0].map((name) => String(name ?? ""));
  const columns: Record<string, ReturnType<typeof columnFromCells>> = {};
  const nrow = records.length - 1;
  for (let j = 0; j < names.length; j++) {
    const cells: CellValue[] = new Array(nrow);
    for (let i = 0; i < nrow; i++) cells[i] = records[i + 1][j];
    columns[names[j]] = columnFromCells(cells);
  }
  return toDataTable({ nrow, names, columns }, options);
}

function castField(value: string, context: { quoting: boolean; header: boolean }): CellValue {
  if (context.header || context.quoting) return value;
  if (value === "" || value === "NA") return null;
  const number = Number(value);
  return Number.isNaN(number) || value.trim() === "" ? value : number;
}
