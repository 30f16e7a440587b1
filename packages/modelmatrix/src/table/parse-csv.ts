import {
  type CellValue,
  type DataColumn,
  DataError,
  type DataTable,
  nameRecord,
} from "@mixedmodels/core";
import { parse } from "csv-parse/sync";
import {
  checkUniqueNames,
  columnFromCells,
  isMissingCell,
  type TableOptions,
  toDataTable,
} from "./to-data-table";

/** Options of {@link parseCsv}: column typing as in `toDataTable`, plus the field delimiter. */
export interface CsvOptions extends TableOptions {
  /** Field delimiter (one character); default ",". */
  readonly delimiter?: string;
}

/**
 * Parses CSV text with a header row into a `DataTable`.
 *
 * Typing follows R's `write.csv` convention: a column with any quoted field is text (categorical;
 * levels in numeric order when every label is a number), a column of unquoted fields that all
 * parse as numbers (including R's `Inf`, `-Inf`) is numeric, anything else categorical. Empty
 * fields, `NA` and `NaN` are missing.
 *
 * @throws DataError when the text is not valid CSV, has no header, rows have a different number
 *   of fields than the header, or an option names an unknown column.
 */
export function parseCsv(text: string, options: CsvOptions = {}): DataTable {
  const delimiter = options.delimiter ?? ",";
  let records: string[][];
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, bom: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DataError(`invalid CSV: ${message}`);
  }
  if (records.length === 0) throw new DataError("invalid CSV: no header row");
  const names = records[0];
  checkUniqueNames(names, "CSV header");
  const quoted = quotedColumns(text, delimiter, names.length);
  const nrow = records.length - 1;
  const columns = nameRecord<DataColumn>();
  for (let j = 0; j < names.length; j++) {
    const cells: CellValue[] = new Array(nrow);
    for (let i = 0; i < nrow; i++) cells[i] = records[i + 1][j];
    columns[names[j]] = quoted[j] ? columnFromCells(cells) : columnFromFields(cells as string[]);
  }
  return toDataTable({ nrow, names, columns }, options);
}

/** An unquoted column: numeric when every non-missing field is a number, else categorical. */
function columnFromFields(fields: string[]): DataColumn {
  const values = new Float64Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (isMissingCell(field)) {
      values[i] = Number.NaN;
      continue;
    }
    const value = fieldNumber(field);
    if (value === null) return columnFromCells(fields);
    values[i] = value;
  }
  return { kind: "numeric", values };
}

/** A field as a number: plain numbers and R's `Inf`, `-Inf`, `NaN`; null for text. */
function fieldNumber(field: string): number | null {
  const value = Number(field);
  if (!Number.isNaN(value)) return value;
  switch (field.trim()) {
    case "Inf":
      return Number.POSITIVE_INFINITY;
    case "-Inf":
      return Number.NEGATIVE_INFINITY;
    case "NaN":
      return Number.NaN;
    default:
      return null;
  }
}

/**
 * For each column, whether any of its data fields is quoted. A single pass over the text that
 * follows RFC 4180 quoting (doubled quotes inside quoted fields, line breaks inside quotes), so it
 * stays cheap for large files where a per-field callback would not.
 */
function quotedColumns(text: string, delimiter: string, columnCount: number): boolean[] {
  const quoted = new Array<boolean>(columnCount).fill(false);
  const quote = 34;
  const separator = delimiter.charCodeAt(0);
  let line = 0;
  let column = 0;
  let atFieldStart = true;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inQuotes) {
      if (code === quote) {
        if (text.charCodeAt(i + 1) === quote) i++;
        else inQuotes = false;
      }
      continue;
    }
    if (atFieldStart && code === quote) {
      inQuotes = true;
      if (line > 0 && column < columnCount) quoted[column] = true;
      atFieldStart = false;
    } else if (code === separator) {
      column++;
      atFieldStart = true;
    } else if (code === 10) {
      line++;
      column = 0;
      atFieldStart = true;
    } else if (code !== 13) {
      atFieldStart = false;
    }
  }
  return quoted;
}
