import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataTable } from "@mixedmodels/core";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";
import { readCsvFile } from "../src/node";
import { parseCsv, parseCsvStream } from "../src/table/parse-csv";
import { toDataTable } from "../src/table/to-data-table";

// Random tables through the real input paths (issue 19): in memory as columns and as row
// objects, and as CSV text, in byte chunks cut anywhere, and from a file on disk. Each path must
// give the table the generator meant (numbers bit for bit, levels in code-unit order, missing
// cells as NaN / -1), and buildModelParts must build the same y, X and Z from every path.

const DELIMITERS = [",", ";", "\t", "|"] as const;

/** A cell of a numeric column: a finite double, ±Infinity or missing (null). */
const numberCell = fc
  .oneof(
    { weight: 8, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
    { weight: 1, arbitrary: fc.constant(null) },
  )
  .map((v) => (Object.is(v, -0) ? 0 : v));

/**
 * A level: text that R's type.convert reads as text, never as a number or a missing value, so
 * the leading "L"; after it anything a CSV writer must quote (delimiters, quotes, line breaks),
 * blanks, "NA", and characters of two to four UTF-8 bytes (split by the byte chunks).
 */
const levelText = fc
  .array(
    fc.oneof(
      fc.constantFrom(",", ";", "\t", "|", '"', "\n", "\r\n", "\r", " ", "NA", "é", "Å", "€", "😀"),
      fc.string({ unit: "grapheme-ascii", maxLength: 3 }),
    ),
    { maxLength: 4 },
  )
  .map((parts) => `L${parts.join("")}`);

type Column =
  | { readonly kind: "numeric"; readonly cells: (number | null)[] }
  | { readonly kind: "categorical"; readonly cells: (string | null)[] };

interface Sample {
  readonly names: string[];
  readonly columns: Column[];
  readonly nrow: number;
}

/** Extra columns (besides the model's y, x, f, g) under names a CSV writer must quote. */
const extraNames = ["w, eird", 'q"uote', "two words", "ünï", "line\nbreak"];

const sample: fc.Arbitrary<Sample> = fc
  .record({
    nrow: fc.integer({ min: 1, max: 30 }),
    fLevels: fc.array(levelText, { minLength: 2, maxLength: 4 }),
    gLevels: fc.array(levelText, { minLength: 2, maxLength: 5 }),
    extraKinds: fc
      .subarray([0, 1, 2, 3, 4])
      .chain((picked) => fc.tuple(...picked.map((i) => fc.tuple(fc.constant(i), fc.boolean())))),
  })
  .chain(({ nrow, fLevels, gLevels, extraKinds }) => {
    const cellsOf = <T>(a: fc.Arbitrary<T>) => fc.array(a, { minLength: nrow, maxLength: nrow });
    const levelCell = (levels: string[]) =>
      fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...levels) },
        { weight: 1, arbitrary: fc.constant(null) },
      );
    return fc.record({
      nrow: fc.constant(nrow),
      y: cellsOf(
        fc.oneof(
          { weight: 9, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
      ),
      x: cellsOf(
        fc.oneof(
          { weight: 9, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
      ),
      f: cellsOf(levelCell(fLevels)),
      g: cellsOf(levelCell(gLevels)),
      extras: fc.tuple(
        ...extraKinds.map(([i, numeric]) =>
          numeric
            ? cellsOf(numberCell).map((cells): [string, Column] => [
                extraNames[i],
                { kind: "numeric", cells },
              ])
            : cellsOf(fc.oneof(levelText, fc.constant(null))).map((cells): [string, Column] => [
                extraNames[i],
                { kind: "categorical", cells },
              ]),
        ),
      ),
    });
  })
  .map(({ nrow, y, x, f, g, extras }) => {
    const zero = (v: number | null) => (v !== null && Object.is(v, -0) ? 0 : v);
    const model: [string, Column][] = [
      ["y", { kind: "numeric", cells: y.map(zero) }],
      ["x", { kind: "numeric", cells: x.map(zero) }],
      ["f", { kind: "categorical", cells: f }],
      ["g", { kind: "categorical", cells: g }],
    ];
    const all = [...model, ...extras];
    return { nrow, names: all.map(([name]) => name), columns: all.map(([, column]) => column) };
  })
  // A column with no value at all is numeric (all NaN) whatever it was meant to be.
  .filter((s) => s.columns.every((c) => c.cells.some((v) => v !== null)));

/** The DataTable the sample means, built here without the library. */
function expectedTable(s: Sample) {
  const columns: Record<string, unknown> = {};
  s.names.forEach((name, j) => {
    const column = s.columns[j];
    if (column.kind === "numeric") {
      columns[name] = {
        kind: "numeric",
        values: Float64Array.from(column.cells, (v) => (v === null ? Number.NaN : v)),
      };
    } else {
      const levels = [...new Set(column.cells.filter((v): v is string => v !== null))].sort(
        (a, b) => (a < b ? -1 : a > b ? 1 : 0),
      );
      const codes = Int32Array.from(column.cells, (v) => (v === null ? -1 : levels.indexOf(v)));
      columns[name] = { kind: "categorical", levels, codes };
    }
  });
  return { nrow: s.nrow, names: s.names, columns };
}

/** A table as plain data (toEqual ignores a null prototype but not a typed array's type). */
function plain(table: DataTable) {
  const columns: Record<string, unknown> = {};
  for (const name of table.names) columns[name] = { ...table.columns[name] };
  return { nrow: table.nrow, names: [...table.names], columns };
}

interface CsvStyle {
  readonly delimiter: (typeof DELIMITERS)[number];
  readonly lineEnd: "\n" | "\r\n";
  readonly quoteAll: boolean;
  readonly finalLineEnd: boolean;
  readonly missing: "NA" | "";
  /** 0: shortest round-trip text; 1: 17 significant digits; 2: exponent form. */
  readonly numberStyle: 0 | 1 | 2;
}

const csvStyle: fc.Arbitrary<CsvStyle> = fc.record({
  delimiter: fc.constantFrom(...DELIMITERS),
  lineEnd: fc.constantFrom("\n" as const, "\r\n" as const),
  quoteAll: fc.boolean(),
  finalLineEnd: fc.boolean(),
  missing: fc.constantFrom("NA" as const, "" as const),
  numberStyle: fc.constantFrom(0 as const, 1 as const, 2 as const),
});

function numberText(v: number, style: CsvStyle["numberStyle"]): string {
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (style === 1) return v.toPrecision(17);
  if (style === 2) return v.toExponential(16);
  return String(v);
}

/** The sample written as an RFC 4180 CSV in the given style (as R's write.csv or pandas would). */
function writeCsv(s: Sample, style: CsvStyle): string {
  const field = (text: string) => {
    const needs = text.includes(style.delimiter) || /["\r\n]/.test(text) || text.trim() !== text;
    return style.quoteAll || needs ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [s.names.map(field).join(style.delimiter)];
  for (let i = 0; i < s.nrow; i++) {
    const cells = s.columns.map((column) => {
      const v = column.cells[i];
      if (v === null) return style.missing;
      return column.kind === "numeric"
        ? field(numberText(v as number, style.numberStyle))
        : field(v as string);
    });
    lines.push(cells.join(style.delimiter));
  }
  return lines.join(style.lineEnd) + (style.finalLineEnd ? style.lineEnd : "");
}

/** The sample as the in-memory inputs a user passes: a record of columns and an array of rows. */
function asColumns(s: Sample): Record<string, (number | string | null)[]> {
  const record: Record<string, (number | string | null)[]> = {};
  s.names.forEach((name, j) => {
    record[name] = s.columns[j].cells;
  });
  return record;
}

function asRows(s: Sample): Record<string, number | string | null>[] {
  return Array.from({ length: s.nrow }, (_, i) => {
    const row: Record<string, number | string | null> = {};
    s.names.forEach((name, j) => {
      row[name] = s.columns[j].cells[i];
    });
    return row;
  });
}

/** Cuts bytes into chunks at the given positions (anywhere, inside a character too). */
async function* chunksOf(bytes: Uint8Array, cuts: number[]) {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  let start = 0;
  for (const cut of [...at, bytes.length]) {
    if (cut > start) yield bytes.subarray(start, cut);
    start = cut;
  }
}

const directory = mkdtempSync(join(tmpdir(), "mm-random-tables-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

/** What buildModelParts gives, or the error it throws (class and message), for comparison. */
function partsOf(table: DataTable) {
  try {
    const parts = buildModelParts("y ~ 1 + x + f + (1 | g)", table, { kind: "glmm" });
    const [re] = parts.reterms;
    return {
      n: parts.n,
      y: Array.from(parts.y),
      droppedRows: Array.from(parts.droppedRows),
      names: parts.X.names,
      X: Array.from(parts.X.data),
      levels: re.levels,
      refs: Array.from(re.refs),
    };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe("random tables through the table and CSV paths", () => {
  it("every path gives the table the generator meant, and the same model parts", async () => {
    await fc.assert(
      fc.asyncProperty(
        sample,
        csvStyle,
        fc.array(fc.nat(), { maxLength: 6 }),
        async (s, style, cuts) => {
          const expected = expectedTable(s);
          const text = writeCsv(s, style);
          const bytes = new TextEncoder().encode(text);
          const path = join(directory, `t${fileCount++}.csv`);
          writeFileSync(path, bytes);
          const options = { delimiter: style.delimiter };
          const tables: Record<string, DataTable> = {
            columns: toDataTable(asColumns(s)),
            rows: toDataTable(asRows(s)),
            text: parseCsv(text, options),
            chunks: await parseCsvStream(chunksOf(bytes, cuts), options),
            file: await readCsvFile(path, options),
          };
          for (const table of Object.values(tables)) expect(plain(table)).toEqual(expected);

          const parts = Object.values(tables).map(partsOf);
          for (const other of parts.slice(1)) expect(other).toEqual(parts[0]);
          const built = parts[0];
          if ("error" in built) return;
          // The rows used are those with y, x, f and g all present, in order; y and x unchanged.
          const used = Array.from({ length: s.nrow }, (_, i) => i).filter((i) =>
            s.columns.slice(0, 4).every((c) => c.cells[i] !== null),
          );
          expect(built.n).toBe(used.length);
          expect(built.y).toEqual(used.map((i) => s.columns[0].cells[i]));
          const xColumn = built.names.indexOf("x");
          if (xColumn >= 0) {
            expect(built.X.slice(xColumn * built.n, (xColumn + 1) * built.n)).toEqual(
              used.map((i) => s.columns[1].cells[i]),
            );
          }
          // The grouping levels are the levels of g that occur in the rows used, in code-unit order.
          const gUsed = [...new Set(used.map((i) => s.columns[3].cells[i] as string))].sort(
            (a, b) => (a < b ? -1 : a > b ? 1 : 0),
          );
          expect(built.levels).toEqual(gUsed);
          expect(built.refs.map((r) => built.levels[r])).toEqual(
            used.map((i) => s.columns[3].cells[i]),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
