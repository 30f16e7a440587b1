import type { DataTable } from "@mixedmodels/core";
import { CsvRecordSplitter } from "./csv-records";
import { CsvTableBuilder } from "./csv-table-builder";
import type { TableOptions } from "./to-data-table";

/** Options of {@link parseCsv}: column typing as in `toDataTable`, plus the field delimiter. */
export interface CsvOptions extends TableOptions {
  /** Field delimiter (one character); default ",". */
  readonly delimiter?: string;
}

/** Options of {@link parseCsvStream}: those of `parseCsv`, and a callback per chunk read. */
export interface CsvStreamOptions extends CsvOptions {
  /** Called after each chunk with the number of characters (or bytes, for bytes) read so far. */
  readonly onChunk?: (amountRead: number) => void;
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
 * Fields are split by `CsvRecordSplitter` (RFC 4180 quoting, LF or CRLF line ends, BOM and empty
 * lines skipped); no Node API is used, so this runs in browsers as well.
 *
 * @throws DataError when the text has no header, a quoted field is never closed, a header name
 *   repeats, a row has a different number of fields than the header (naming its line), or an
 *   option names an unknown column.
 */
export function parseCsv(text: string, options: CsvOptions = {}): DataTable {
  const builder = new CsvTableBuilder();
  const splitter = new CsvRecordSplitter(options.delimiter ?? ",", builder.add);
  splitter.push(text);
  splitter.end();
  return builder.table(options);
}

/**
 * Parses CSV arriving in chunks (a Node stream, a `fetch` body, a `File`'s `stream()`): text
 * chunks as they are, byte chunks decoded as UTF-8 across chunk boundaries. Same rules and
 * errors as `parseCsv`, without ever holding the whole text.
 */
export async function parseCsvStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options: CsvStreamOptions = {},
): Promise<DataTable> {
  const builder = new CsvTableBuilder();
  const splitter = new CsvRecordSplitter(options.delimiter ?? ",", builder.add);
  const decoder = new TextDecoder("utf-8");
  let amount = 0;
  for await (const chunk of chunks) {
    if (typeof chunk === "string") {
      splitter.push(chunk);
    } else {
      splitter.push(decoder.decode(chunk, { stream: true }));
    }
    amount += chunk.length;
    options.onChunk?.(amount);
  }
  splitter.push(decoder.decode());
  splitter.end();
  return builder.table(options);
}
