import { DataError } from "@mixedmodels/core";

/** The records of a CSV text, each with the 1-based line it starts on (for messages). */
export interface CsvRecords {
  readonly records: string[][];
  readonly lines: number[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/**
 * Splits CSV text into records, as RFC 4180 and R's `read.csv` read it: fields separated by
 * `delimiter`, records by LF or CRLF; a field in double quotes may hold delimiters, line breaks
 * and doubled quotes (`""`). A leading byte-order mark and empty lines are skipped. Like R, a quote
 * inside an unquoted field, or text after a closing quote, is kept as text rather than refused.
 *
 * Written here rather than taken from csv-parse because csv-parse's only browser build bundles a
 * Node `Buffer` shim (about 120 kB), and all this library needs is one synchronous pass over a
 * string, in Node and in a browser alike.
 *
 * @throws DataError for a delimiter that is not one character (other than a quote or a line
 *   break) or a quoted field that is never closed (with the line it opens on).
 */
export function csvRecords(text: string, delimiter = ","): CsvRecords {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new DataError(`invalid CSV delimiter ${JSON.stringify(delimiter)}: use one character`);
  }
  const separator = delimiter.charCodeAt(0);
  const records: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const end = text.length;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code === LF || code === CR) {
      // An empty line: no record.
      i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const record: string[] = [];
    const startLine = line;
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        let value = "";
        let from = i + 1;
        let j = from;
        for (;;) {
          if (j >= end) {
            throw new DataError(
              `invalid CSV: the quoted field that opens on line ${openLine} is never closed`,
              { row: records.length },
            );
          }
          const c = text.charCodeAt(j);
          if (c === QUOTE) {
            value += text.slice(from, j);
            if (text.charCodeAt(j + 1) === QUOTE) {
              value += '"';
              j += 2;
              from = j;
              continue;
            }
            j++;
            break;
          }
          if (c === LF) line++;
          j++;
        }
        // Text between the closing quote and the next delimiter is kept, as R does.
        let k = j;
        while (k < end && !isFieldEnd(text.charCodeAt(k), separator)) k++;
        field = value + text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < end && !isFieldEnd(text.charCodeAt(k), separator)) k++;
        field = text.slice(i, k);
        i = k;
      }
      record.push(field);
      if (i < end && text.charCodeAt(i) === separator) {
        i++;
        continue;
      }
      // End of record: a line break or the end of the text.
      if (i < end) {
        i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }
    records.push(record);
    lines.push(startLine);
  }
  return { records, lines };
}

function isFieldEnd(code: number, separator: number): boolean {
  return code === separator || code === LF || code === CR;
}
