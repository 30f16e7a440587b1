import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { readCsvFile } from "../node";
import { parseCsv } from "./parse-csv";

const text = `"Reaction","Days","Subject"
249.56,0,"308"
258.7047,1,"308"
NA,2,"309"
,3,"10"
`;

describe("parseCsv", () => {
  it("types numbers as numbers, quoted or not (R's type.convert)", () => {
    const table = parseCsv(text);
    expect(table.names).toEqual(["Reaction", "Days", "Subject"]);
    expect(table.nrow).toBe(4);
    const reaction = table.columns.Reaction;
    if (reaction.kind !== "numeric") throw new Error("Reaction should be numeric");
    expect(reaction.values[1]).toBe(258.7047);
    expect(Number.isNaN(reaction.values[2])).toBe(true);
    expect(Number.isNaN(reaction.values[3])).toBe(true);
    const subject = table.columns.Subject;
    if (subject.kind !== "numeric") throw new Error("Subject should be numeric");
    expect(Array.from(subject.values)).toEqual([308, 308, 309, 10]);
    const asFactor = parseCsv(text, { categorical: ["Subject"] }).columns.Subject;
    expect(asFactor.kind === "categorical" && asFactor.levels).toEqual(["10", "308", "309"]);
  });

  it("reads R's Inf, -Inf and NaN in numeric columns", () => {
    const table = parseCsv("x,y\n1,Inf\n2,-Inf\n3,NaN\n");
    const y = table.columns.y;
    if (y.kind !== "numeric") throw new Error("y should be numeric");
    expect(Array.from(y.values)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]);
  });

  it("applies explicit levels and other delimiters", () => {
    const table = parseCsv("g;y\nb;1\na;2\n", { delimiter: ";", levels: { g: ["b", "a"] } });
    const g = table.columns.g;
    if (g.kind !== "categorical") throw new Error("g should be categorical");
    expect(Array.from(g.codes)).toEqual([0, 1]);
  });

  it("reports malformed CSV as a DataError", () => {
    expect(() => parseCsv("a,b\n1,2,3\n")).toThrowError(DataError);
    expect(() => parseCsv("")).toThrowError(/no header/);
  });
});

describe("readCsvFile", () => {
  it("reads a file from disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "modelmatrix-"));
    const path = join(dir, "small.csv");
    writeFileSync(path, text);
    const table = await readCsvFile(path, { categorical: ["Days"] });
    expect(table.columns.Days.kind).toBe("categorical");
  });
});
