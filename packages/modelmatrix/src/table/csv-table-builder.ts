import { type DataColumn, DataError, type DataTable, nameRecord } from "@mixedmodels/core";
import { checkUniqueNames, type TableOptions, toDataTable } from "./to-data-table";
import { columnFromFields } from "./type-convert";

/**
 * Collects CSV records into columns as they arrive: the first record is the header, every later
 * one is checked against its width and its fields appended column by column, so a streamed file
 * is never held as text or as a list of records.
 */
export class CsvTableBuilder {
  private names: string[] | null = null;
  private columns: string[][] = [];
  private rows = 0;

  /** The sink for `CsvRecordSplitter`. @throws DataError as `table()` documents. */
  readonly add = (fields: string[], line: number): void => {
    if (this.names === null) {
      checkUniqueNames(fields, "CSV header");
      this.names = fields;
      this.columns = fields.map(() => []);
      return;
    }
    if (fields.length !== this.names.length) {
      throw new DataError(
        `invalid CSV: line ${line} has ${fields.length} fields but the header has ${this.names.length}`,
        { row: this.rows },
      );
    }
    for (let j = 0; j < fields.length; j++) this.columns[j].push(fields[j]);
    this.rows++;
  };

  /**
   * The table, typed as R's `type.convert` types text columns, with the options' categorical
   * columns and level orders.
   * @throws DataError when there was no header, a header name repeats, a row has a different
   *   number of fields than the header (naming its line), or an option names an unknown column.
   */
  table(options: TableOptions): DataTable {
    const names = this.names;
    if (names === null) throw new DataError("invalid CSV: no header row");
    const columns = nameRecord<DataColumn>();
    for (let j = 0; j < names.length; j++) {
      columns[names[j]] = columnFromFields(this.columns[j]);
      // The text of a typed column is no longer needed; let it go before the next is typed.
      this.columns[j] = [];
    }
    return toDataTable({ nrow: this.rows, names, columns }, options);
  }
}
