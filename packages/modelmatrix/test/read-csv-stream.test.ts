import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsvFile } from "../src/node";
import { parseCsv, parseCsvStream } from "../src/table/parse-csv";

// Reading a CSV in chunks (a file stream, or any async iterable of text or bytes) gives the same
// table as parsing the whole text, without holding the text as one string.
describe("streamed CSV", () => {
  it("reads a file of several MB in 1 MiB chunks, reporting progress, with the right values", async () => {
    const rows = 120_000;
    const lines = ["id,x,g,label"];
    // x = i/4 is exact in binary, so the sum is known in closed form: Σ i/4 = (n−1)n/8.
    for (let i = 0; i < rows; i++) lines.push(`${i},${i / 4},g${i % 37},"a, ""quoted"" ${i % 3}"`);
    const path = join(mkdtempSync(join(tmpdir(), "mm-csv-")), "big.csv");
    const text = `${lines.join("\r\n")}\r\n`;
    writeFileSync(path, text);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(3 * 1024 * 1024);
    const progress: number[] = [];
    const table = await readCsvFile(path, {
      onProgress: (bytesRead, totalBytes) => {
        expect(totalBytes).toBe(size);
        progress.push(bytesRead);
      },
    });
    expect(progress.length).toBe(Math.ceil(size / (1 << 20)));
    expect(progress.at(-1)).toBe(size);
    expect(progress.every((bytes, i) => i === 0 || bytes > progress[i - 1])).toBe(true);
    expect(table.nrow).toBe(rows);
    const x = table.columns.x;
    if (x.kind !== "numeric") throw new Error("x is numeric");
    let sum = 0;
    for (const value of x.values) sum += value;
    expect(sum).toBe(((rows - 1) * rows) / 8);
    const label = table.columns.label;
    expect(label.kind === "categorical" && label.levels).toEqual([
      'a, "quoted" 0',
      'a, "quoted" 1',
      'a, "quoted" 2',
    ]);
    expect(table).toEqual(parseCsv(text));
  });

  it("decodes UTF-8 byte chunks split inside a character", async () => {
    const text = "name,value\nRéunion,1\nÅland,2\n";
    const bytes = new TextEncoder().encode(text);
    async function* chunks() {
      // One byte at a time splits every two-byte character in the middle.
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    }
    const table = await parseCsvStream(chunks());
    expect(table).toEqual(parseCsv(text));
    const name = table.columns.name;
    expect(name.kind === "categorical" && name.levels).toEqual(["Réunion", "Åland"]);
  });
});
