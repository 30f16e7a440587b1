import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../build-model-parts";
import { parseCsv } from "./parse-csv";
import { fieldNumber } from "./type-convert";

const sleepstudyCsv = readFileSync(
  new URL("../../test/fixtures/datasets/sleepstudy.csv", import.meta.url),
  "utf8",
);

/** The same CSV with the fields of the named columns (or all) in double quotes. */
function quoted(text: string, columns: readonly string[] | "all"): string {
  const [header, ...lines] = text.trimEnd().split("\n");
  const names = header.split(",").map((name) => name.replaceAll('"', ""));
  const quote = (field: string, j: number) =>
    columns === "all" || columns.includes(names[j])
      ? `"${field.replaceAll('"', "")}"`
      : field.replaceAll('"', "");
  return [header, ...lines.map((line) => line.split(",").map(quote).join(","))].join("\n");
}

describe("CSV type inference follows R's type.convert", () => {
  it("reads a quoted numeric column as numbers (before: Days1 … Days9)", () => {
    const table = parseCsv(quoted(sleepstudyCsv, ["Days"]));
    expect(table.columns.Days.kind).toBe("numeric");
    const parts = buildModelParts("Reaction ~ 1 + Days + (1 + Days | Subject)", table);
    expect(parts.X.names).toEqual(["(Intercept)", "Days"]);
  });

  it("reads a fully quoted file as the unquoted one (before: 'response is categorical')", () => {
    const plain = buildModelParts(
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      parseCsv(quoted(sleepstudyCsv, [])),
    );
    const allQuoted = buildModelParts(
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      parseCsv(quoted(sleepstudyCsv, "all")),
    );
    expect(Array.from(allQuoted.y)).toEqual(Array.from(plain.y));
    expect(Array.from(allQuoted.X.data)).toEqual(Array.from(plain.X.data));
    // A numeric column used as a grouping factor is categorical there, levels in numeric order.
    expect(allQuoted.reterms[0].levels).toEqual(plain.reterms[0].levels);
    expect(allQuoted.reterms[0].levels.slice(0, 3)).toEqual(["308", "309", "310"]);
  });

  it("makes a column categorical only when asked (categorical, levels) or as a grouping factor", () => {
    const text = 'y,x,g\n1.5,"1",a\n2.5,"2",b\n3.5,"1",a\n0.5,"2",b\n';
    expect(parseCsv(text).columns.x.kind).toBe("numeric");
    expect(parseCsv(text, { categorical: ["x"] }).columns.x.kind).toBe("categorical");
    const levels = parseCsv(text, { levels: { x: ["2", "1"] } }).columns.x;
    expect(levels.kind === "categorical" && levels.levels).toEqual(["2", "1"]);
    const parts = buildModelParts("y ~ 1 + (1 | x)", parseCsv(text));
    expect(parts.reterms[0].levels).toEqual(["1", "2"]);
  });

  it("reads R's number syntaxes, and only those", () => {
    expect(fieldNumber(" 3 ")).toBe(3);
    expect(fieldNumber("1.")).toBe(1);
    expect(fieldNumber(".5")).toBe(0.5);
    expect(fieldNumber("-1e-3")).toBe(-0.001);
    expect(fieldNumber("+4")).toBe(4);
    expect(fieldNumber("0x1A")).toBe(26);
    expect(fieldNumber("-0x10")).toBe(-16);
    expect(fieldNumber("Inf")).toBe(Number.POSITIVE_INFINITY);
    expect(fieldNumber("-inf")).toBe(Number.NEGATIVE_INFINITY);
    expect(fieldNumber("Infinity")).toBe(Number.POSITIVE_INFINITY);
    for (const text of ["0b101", "0o7", "1d5", "1_0", "TRUE", "abc", "1,5"]) {
      expect(fieldNumber(text), text).toBeNull();
    }
    const mixed = parseCsv('a\n1\n"x"\n').columns.a;
    expect(mixed.kind === "categorical" && mixed.levels).toEqual(["1", "x"]);
  });
});
