import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError } from "@mixedmodels/core";
import { Dictionary, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { parquetWriteFile } from "hyparquet-writer";
import { describe, expect, it } from "vitest";
import { readArrowFile, readParquetFile } from "../src/node";
import { loadDataset } from "./load-fixture";

// Arrow IPC and Parquet files, written here by apache-arrow and hyparquet-writer (independent
// writers), read back and compared cell by cell with the CSV copy of sleepstudy.
const directory = mkdtempSync(join(tmpdir(), "mm-columnar-"));
const sleepstudy = loadDataset("sleepstudy");
const reaction = sleepstudy.columns.Reaction;
const days = sleepstudy.columns.Days;
const subject = sleepstudy.columns.Subject;
if (reaction.kind !== "numeric" || days.kind !== "numeric" || subject.kind !== "categorical") {
  throw new Error("unexpected sleepstudy fixture");
}
const subjectLabels = Array.from(subject.codes, (code) => subject.levels[code]);

describe("readArrowFile", () => {
  // A dictionary in reverse order pins that the levels follow the dictionary, not sorting.
  const reversed = [...subject.levels].reverse();
  const arrowTable = new Table({
    Reaction: vectorFromArray(Array.from(reaction.values), new Float64()),
    Days: vectorFromArray(Array.from(days.values), new Int32()),
    // vectorFromArray builds the dictionary in order of first appearance: meet the levels first.
    Subject: vectorFromArray(
      [...reversed, ...subjectLabels],
      new Dictionary(new Utf8(), new Int32()),
    ).slice(reversed.length),
  });

  for (const format of ["file", "stream"] as const) {
    it(`reads the IPC ${format} format, dictionary columns as factors in dictionary order`, async () => {
      const path = join(directory, `sleepstudy.${format === "file" ? "arrow" : "arrows"}`);
      writeFileSync(path, tableToIPC(arrowTable, format));
      const table = await readArrowFile(path);
      expect(table.nrow).toBe(180);
      expect(table.names).toEqual(["Reaction", "Days", "Subject"]);
      const read = table.columns.Subject;
      expect(read.kind).toBe("categorical");
      if (read.kind !== "categorical") return;
      expect(read.levels).toEqual(reversed);
      expect(Array.from(read.codes, (code) => read.levels[code])).toEqual(subjectLabels);
      const values = table.columns.Reaction;
      expect(values.kind === "numeric" && Array.from(values.values)).toEqual(
        Array.from(reaction.values),
      );
    });
  }

  it("names a file that is not Arrow", async () => {
    const path = join(directory, "not-arrow.arrow");
    writeFileSync(path, "Reaction,Days\n1,2\n");
    await expect(readArrowFile(path)).rejects.toThrow(DataError);
    await expect(readArrowFile(path)).rejects.toThrow(/not-arrow\.arrow' is not an Arrow IPC file/);
  });
});

describe("readParquetFile", () => {
  it("reads numbers, strings, booleans and nulls as the CSV reader types them", async () => {
    const path = join(directory, "sleepstudy.parquet");
    const late = Array.from(days.values, (d) => d >= 5);
    const reactions = Array.from(reaction.values, (value, i) => (i === 3 ? null : value));
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: "Reaction", data: reactions, type: "DOUBLE", nullable: true },
        { name: "Days", data: Int32Array.from(days.values), type: "INT32" },
        { name: "Days64", data: Array.from(days.values, (d) => BigInt(d)), type: "INT64" },
        { name: "Subject", data: subjectLabels, type: "STRING" },
        { name: "late", data: late, type: "BOOLEAN" },
      ],
    });
    const table = await readParquetFile(path, { categorical: ["Days"] });
    expect(table.nrow).toBe(180);
    expect(table.names).toEqual(["Reaction", "Days", "Days64", "Subject", "late"]);
    const read = table.columns;
    if (read.Reaction.kind !== "numeric" || read.Days64.kind !== "numeric")
      throw new Error("numeric");
    expect(Number.isNaN(read.Reaction.values[3])).toBe(true);
    expect(Array.from(read.Reaction.values).filter((_, i) => i !== 3)).toEqual(
      reactions.filter((_, i) => i !== 3),
    );
    expect(Array.from(read.Days64.values)).toEqual(Array.from(days.values));
    // --categorical works on Parquet as on CSV: Days as a factor with numeric level order.
    expect(read.Days.kind === "categorical" && read.Days.levels).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
    ]);
    const subjects = read.Subject;
    if (subjects.kind !== "categorical") throw new Error("Subject is categorical");
    expect(subjects.levels).toEqual(subject.levels);
    expect(Array.from(subjects.codes)).toEqual(Array.from(subject.codes));
    expect(read.late.kind).toBe("categorical");
  });

  it("names a file that is not Parquet", async () => {
    const path = join(directory, "not.parquet");
    writeFileSync(path, "Reaction,Days\n1,2\n");
    await expect(readParquetFile(path)).rejects.toThrow(/not\.parquet' is not a Parquet file/);
  });
});
