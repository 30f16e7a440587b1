import { DataError } from "@mixedmodels/core";

/** The records of a CSV text, each with the 1-based line it starts on (for messages). */
export interface CsvRecords {
  readonly records: string[][];
  readonly lines: number[];
}

/** Receives each record with the 1-based line it starts on. */
export type CsvRecordSink = (fields: string[], line: number) => void;

const QUOTE = 34;
const LF = 10;
const CR = 13;

// Where the splitter is between two characters.
/** Before a record: a line break here is an empty line, skipped. */
const RECORD_START = 0;
/** Right after a delimiter: the next field may open with a quote. */
const FIELD_START = 1;
/** In an unquoted field, or in the text after a quoted field's closing quote (kept, as R does). */
const UNQUOTED = 2;
/** Inside quotes. */
const QUOTED = 3;
/** A quote inside quotes: a doubled quote, or the closing one. */
const QUOTE_SEEN = 4;

/**
 * Splits CSV text into records, as RFC 4180 and R's `read.csv` read it: fields separated by
 * `delimiter`, records by LF or CRLF; a field in double quotes may hold delimiters, line breaks
 * and doubled quotes (`""`). A leading byte-order mark and empty lines are skipped. Like R, a quote
 * inside an unquoted field, or text after a closing quote, is kept as text rather than refused.
 *
 * Text arrives in chunks of any size (`push`), split anywhere, even inside a quoted field or
 * between CR and LF, so that a file can be read as a stream without ever holding it as one
 * string; `end()` closes the last record.
 *
 * Written here rather than taken from csv-parse because csv-parse's only browser build bundles a
 * Node `Buffer` shim (about 120 kB), and all this library needs is one pass over strings, in Node
 * and in a browser alike.
 */
export class CsvRecordSplitter {
  private readonly separator: number;
  private state: number = RECORD_START;
  private fields: string[] = [];
  private field = "";
  private line = 1;
  private recordLine = 1;
  private openLine = 1;
  private records = 0;
  /** The last character was a CR ending a line: an LF right after it belongs to it. */
  private afterCR = false;
  private started = false;

  /**
   * @throws DataError for a delimiter that is not one character (other than a quote or a line
   *   break).
   */
  constructor(
    delimiter: string,
    private readonly sink: CsvRecordSink,
  ) {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
      throw new DataError(`invalid CSV delimiter ${JSON.stringify(delimiter)}: use one character`);
    }
    this.separator = delimiter.charCodeAt(0);
  }

  /** Splits the next piece of text; records completed in it go to the sink. */
  push(text: string): void {
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    const end = text.length;
    const separator = this.separator;
    while (i < end) {
      const code = text.charCodeAt(i);
      switch (this.state) {
        case RECORD_START:
          if (code === LF && this.afterCR) {
            this.afterCR = false;
            i++;
          } else if (code === LF || code === CR) {
            this.newline(code);
            i++;
          } else {
            this.afterCR = false;
            this.recordLine = this.line;
            this.state = FIELD_START;
          }
          break;
        case FIELD_START:
          if (code === QUOTE) {
            this.openLine = this.line;
            this.state = QUOTED;
            i++;
          } else {
            this.state = UNQUOTED;
          }
          break;
        case UNQUOTED: {
          let k = i;
          while (k < end) {
            const c = text.charCodeAt(k);
            if (c === separator || c === LF || c === CR) break;
            k++;
          }
          this.field += text.slice(i, k);
          i = k;
          if (k < end) {
            this.fields.push(this.field);
            this.field = "";
            if (text.charCodeAt(k) === separator) {
              this.state = FIELD_START;
            } else {
              this.emit();
              this.newline(text.charCodeAt(k));
            }
            i++;
          }
          break;
        }
        case QUOTED: {
          let k = i;
          while (k < end) {
            const c = text.charCodeAt(k);
            if (c === QUOTE) break;
            if (c === LF) this.line++;
            k++;
          }
          this.field += text.slice(i, k);
          i = k;
          if (k < end) {
            this.state = QUOTE_SEEN;
            i++;
          }
          break;
        }
        case QUOTE_SEEN:
          if (code === QUOTE) {
            this.field += '"';
            this.state = QUOTED;
            i++;
          } else {
            this.state = UNQUOTED;
          }
          break;
      }
    }
  }

  /**
   * Closes the last record (a text need not end with a line break).
   * @throws DataError for a quoted field that is never closed (with the line it opens on).
   */
  end(): void {
    if (this.state === QUOTED) {
      throw new DataError(
        `invalid CSV: the quoted field that opens on line ${this.openLine} is never closed`,
        { row: this.records },
      );
    }
    if (this.state !== RECORD_START) {
      this.fields.push(this.field);
      this.field = "";
      this.emit();
    }
  }

  private newline(code: number): void {
    this.line++;
    this.afterCR = code === CR;
    this.state = RECORD_START;
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    this.records++;
    this.sink(fields, this.recordLine);
  }
}

/**
 * All records of a CSV text at once (see `CsvRecordSplitter` for the rules).
 * @throws DataError for a bad delimiter or a quoted field that is never closed.
 */
export function csvRecords(text: string, delimiter = ","): CsvRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  const splitter = new CsvRecordSplitter(delimiter, (fields, line) => {
    records.push(fields);
    lines.push(line);
  });
  splitter.push(text);
  splitter.end();
  return { records, lines };
}
