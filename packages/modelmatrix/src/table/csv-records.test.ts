import { DataError } from "@mixedmodels/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvRecordSplitter, csvRecords } from "./csv-records";

/** RFC 4180 writing, independent of the reader: quote a field when it needs it (or always). */
function writeCsv(records: string[][], delimiter: string, quoteAll: boolean, eol: string): string {
  const needs = (field: string) =>
    quoteAll || field === "" || /["\r\n]/.test(field) || field.includes(delimiter);
  const quote = (field: string) => (needs(field) ? `"${field.replaceAll('"', '""')}"` : field);
  return records.map((record) => record.map(quote).join(delimiter)).join(eol) + eol;
}

describe("csvRecords", () => {
  it("reads back what an RFC 4180 writer wrote, for any fields", () => {
    const field = fc.string({
      unit: fc.constantFrom("a", "1", " ", ",", ";", '"', "\n", "\r", "é"),
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.array(fc.array(field, { minLength: width, maxLength: width }), {
            minLength: 1,
            maxLength: 6,
          }),
        ),
        fc.constantFrom(",", ";", "\t"),
        fc.boolean(),
        fc.constantFrom("\n", "\r\n"),
        (records, delimiter, quoteAll, eol) => {
          const parsed = csvRecords(writeCsv(records, delimiter, quoteAll, eol), delimiter);
          expect(parsed.records).toEqual(records);
        },
      ),
      { numRuns: 500, seed: 4 },
    );
  });

  it("skips a BOM and empty lines, keeps empty fields, and numbers the lines", () => {
    const { records, lines } = csvRecords('\ufeffa,b\r\n\r\n1,\n"x\ny",2\n\n,\n');
    expect(records).toEqual([
      ["a", "b"],
      ["1", ""],
      ["x\ny", "2"],
      ["", ""],
    ]);
    expect(lines).toEqual([1, 3, 4, 7]);
    expect(csvRecords("a,b").records).toEqual([["a", "b"]]);
    expect(csvRecords("").records).toEqual([]);
  });

  it("keeps stray quotes as text, as R does", () => {
    expect(csvRecords('a"b,"c"d\n').records).toEqual([['a"b', "cd"]]);
  });

  it("names the line where an unclosed quote opens", () => {
    expect(() => csvRecords('a,b\n1,"x\n2,3\n')).toThrow(DataError);
    expect(() => csvRecords('a,b\n1,"x\n2,3\n')).toThrow(
      /^invalid CSV: the quoted field that opens on line 2 is never closed$/,
    );
    expect(() => csvRecords("a\n", '"')).toThrow(/invalid CSV delimiter/);
  });

  it("gives the same records and lines for any split of the text into chunks", () => {
    const text = fc.string({
      unit: fc.constantFrom("a", "1", ",", '"', "\n", "\r", "\r\n", "é", "\ufeff"),
      maxLength: 40,
    });
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 6 }), (whole, cuts) => {
        const points = [...new Set(cuts.map((cut) => cut % (whole.length + 1)))].sort(
          (a, b) => a - b,
        );
        const records: string[][] = [];
        const lines: number[] = [];
        let expected: ReturnType<typeof csvRecords> | Error;
        try {
          expected = csvRecords(whole);
        } catch (error) {
          expected = error as Error;
        }
        const splitter = new CsvRecordSplitter(",", (fields, line) => {
          records.push(fields);
          lines.push(line);
        });
        const run = () => {
          let from = 0;
          for (const point of points) {
            splitter.push(whole.slice(from, point));
            from = point;
          }
          splitter.push(whole.slice(from));
          splitter.end();
        };
        if (expected instanceof Error) {
          expect(run).toThrow(expected.message);
        } else {
          run();
          expect({ records, lines }).toEqual(expected);
        }
      }),
      { numRuns: 1000, seed: 11 },
    );
    // A CRLF split between its CR and LF is one line end, not an empty line.
    const lines: number[] = [];
    const splitter = new CsvRecordSplitter(",", (_fields, line) => lines.push(line));
    for (const piece of ["a,b\r", "\n1,2\r", "\n\r", "\n3,4"]) splitter.push(piece);
    splitter.end();
    expect(lines).toEqual([1, 2, 4]);
  });
});
