import { DataError } from "@mixedmodels/core";
import {
  Dictionary,
  Float64,
  Int32,
  Table,
  tableFromArrays,
  Utf8,
  vectorFromArray,
} from "apache-arrow";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";
import { toDataTable } from "../src/table/to-data-table";
import { loadDataset } from "./load-fixture";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

/** sleepstudy as an Arrow table: floats, 32-bit ints and a dictionary-encoded Subject. */
function sleepstudyArrow(subjectLevels?: readonly string[]): Table {
  const table = loadDataset("sleepstudy");
  const reaction = table.columns.Reaction;
  const days = table.columns.Days;
  const subject = table.columns.Subject;
  if (reaction.kind !== "numeric" || days.kind !== "numeric" || subject.kind !== "categorical") {
    throw new Error("unexpected sleepstudy fixture");
  }
  const labels = Array.from(subject.codes, (code) => subject.levels[code]);
  // vectorFromArray builds the dictionary in order of first appearance; to pin an order, the
  // first rows are made to meet the levels in that order, then put back.
  const order = subjectLevels ?? subject.levels;
  const dictionaryFirst = vectorFromArray(
    [...order, ...labels],
    new Dictionary(new Utf8(), new Int32()),
  ).slice(order.length);
  return new Table({
    Reaction: vectorFromArray(Array.from(reaction.values), new Float64()),
    Days: vectorFromArray(Array.from(days.values), new Int32()),
    Subject: dictionaryFirst,
  });
}

describe("apache-arrow tables as input", () => {
  it("fit the same parts as the DataTable (before: 'schema' has 0 values but 'batches' has 1)", () => {
    const fromArrow = buildModelParts(formula, sleepstudyArrow());
    const plain = buildModelParts(formula, loadDataset("sleepstudy"));
    expect(fromArrow.n).toBe(180);
    expect(Array.from(fromArrow.y)).toEqual(Array.from(plain.y));
    expect(Array.from(fromArrow.X.data)).toEqual(Array.from(plain.X.data));
    expect(fromArrow.reterms[0].levels).toEqual(plain.reterms[0].levels);
    expect(Array.from(fromArrow.reterms[0].refs)).toEqual(Array.from(plain.reterms[0].refs));
  });

  it("read dictionary-encoded columns as factors in dictionary order", () => {
    const plainLevels = buildModelParts(formula, loadDataset("sleepstudy")).reterms[0].levels;
    const reversed = [...plainLevels].reverse();
    const table = toDataTable(sleepstudyArrow(reversed));
    const subject = table.columns.Subject;
    expect(subject.kind === "categorical" && subject.levels).toEqual(reversed);
    const parts = buildModelParts("Reaction ~ 1 + Subject + (1 | Days)", sleepstudyArrow(reversed));
    expect(parts.X.names[1]).toBe(`Subject${reversed[1]}`);
  });

  it("read nulls as missing, strings and booleans as factors, 64-bit ints as numbers", () => {
    const table = tableFromArrays({
      y: Float64Array.from([1.5, 2.5, 3.5, 4.5]),
      big: BigInt64Array.from([1n, 2n, 3n, 4n]),
      s: ["b", "a", null, "b"],
      flag: [true, false, true, null],
    });
    const data = toDataTable(table);
    expect(data.names).toEqual(["y", "big", "s", "flag"]);
    const big = data.columns.big;
    expect(big.kind === "numeric" && Array.from(big.values)).toEqual([1, 2, 3, 4]);
    // tableFromArrays dictionary-encodes strings (first-seen order); plain Utf8 sorts as arrays do.
    const s = data.columns.s;
    expect(s.kind === "categorical" && [s.levels, Array.from(s.codes)]).toEqual([
      ["b", "a"],
      [0, 1, -1, 0],
    ]);
    const utf8 = toDataTable(new Table({ t: vectorFromArray(["b", "a", null, "b"], new Utf8()) }));
    const t = utf8.columns.t;
    expect(t.kind === "categorical" && [t.levels, Array.from(t.codes)]).toEqual([
      ["a", "b"],
      [1, 0, -1, 1],
    ]);
    const flag = data.columns.flag;
    expect(flag.kind === "categorical" && [flag.levels, Array.from(flag.codes)]).toEqual([
      ["FALSE", "TRUE"],
      [1, 0, 1, -1],
    ]);
    const nullable = toDataTable(new Table({ x: vectorFromArray([1, null, 3], new Float64()) }));
    const x = nullable.columns.x;
    expect(x.kind === "numeric" && Array.from(x.values)).toEqual([1, Number.NaN, 3]);
  });

  it("name a column of an unsupported Arrow type", () => {
    const nested = tableFromArrays({
      y: Float64Array.from([1, 2]),
      l: [[1], [2]] as unknown as number[],
    });
    expect(() => toDataTable(nested)).toThrow(DataError);
    expect(() => toDataTable(nested)).toThrow(/column 'l' has Arrow type/);
  });
});
