import {
  type CellValue,
  type DataColumn,
  DataError,
  type DataTable,
  nameRecord,
} from "@mixedmodels/core";
import { csvRecords } from "./csv-records";
import { checkUniqueNames, type TableOptions, toDataTable } from "./to-data-table";
import { columnFromFields } from "./type-convert";

/** Options of {@link parseCsv}: column typing as in `toDataTable`, plus the field delimiter. */
export interface CsvOptions extends TableOptions {
  /** Field delimiter (one character); default ",". */
  readonly delimiter?: string;
}

/**
 * Parses CSV text with a header row into a `DataTable`.
 *
 * Typing follows R's `read.csv` (`type.convert`): a column whose every non-missing field is a
 * number is numeric, quoted or not (`"1"`, `1.5`, `1e3`, `0x1A`, `Inf`, `-Inf`); any other column
 * is categorical (levels in code-unit order). Empty fields, `NA` and `NaN` are missing. A numeric
 * column becomes categorical only when asked: `options.categorical`, `options.levels` (a
 * schema's level order), or, in `buildModelParts`, because it is a grouping factor.
 *
 * Fields are split by `csvRecords` (RFC 4180 quoting, LF or CRLF line ends, BOM and empty lines
 * skipped); no Node API is used, so this runs in browsers as well.
 *
 * @throws DataError when the text has no header, a quoted field is never closed, a header name
 *   repeats, a row has a different number of fields than the header (naming its line), or an
 *   option names an unknown column.
 */
export function parseCsv(text: string, options: CsvOptions = {}): DataTable {
  const { records, lines } = csvRecords(text, options.delimiter ?? ",");
  if (records.length === 0) throw new DataError("invalid CSV: no header row");
  const names = records[0];
  checkUniqueNames(names, "CSV header");
  const nrow = records.length - 1;
  const columns = nameRecord<DataColumn>();
  for (let i = 1; i < records.length; i++) {
    if (records[i].length !== names.length) {
      throw new DataError(
        `invalid CSV: line ${lines[i]} has ${records[i].length} fields but the header has ${names.length}`,
        { row: i - 1 },
      );
    }
  }
  for (let j = 0; j < names.length; j++) {
    const fields: CellValue[] = new Array(nrow);
    for (let i = 0; i < nrow; i++) fields[i] = records[i + 1][j];
    columns[names[j]] = columnFromFields(fields as string[]);
  }
  return toDataTable({ nrow, names, columns }, options);
}
