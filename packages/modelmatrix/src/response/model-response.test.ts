import { DataError } from "@mixedmodels/core";
import { cbpp, verbagg } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../build-model-parts";

/** Column `name` of a dataset as plain numbers or labels, read independently of buildModelParts. */
function numbers(table: typeof cbpp, name: string): number[] {
  const column = table.columns[name];
  if (column.kind !== "numeric") throw new Error(`${name} is not numeric`);
  return Array.from(column.values);
}

function labels(table: typeof cbpp, name: string): string[] {
  const column = table.columns[name];
  if (column.kind !== "categorical") throw new Error(`${name} is not categorical`);
  return Array.from(column.codes, (code) => column.levels[code]);
}

describe("cbind(successes, failures) responses", () => {
  it("give y = s/(s+f) with s+f trials as weights, flagged as cbind", () => {
    const parts = buildModelParts(
      "cbind(incidence, size - incidence) ~ period + (1 | herd)",
      cbpp,
      {
        kind: "glmm",
      },
    );
    const incidence = numbers(cbpp, "incidence");
    const size = numbers(cbpp, "size");
    expect(parts.n).toBe(56);
    expect(parts.responseKind).toBe("cbind");
    expect(Array.from(parts.y)).toEqual(incidence.map((s, i) => s / size[i]));
    expect(Array.from(parts.trials ?? [])).toEqual(size);
    expect(Array.from(parts.weights ?? [])).toEqual(size);
    expect(parts.X.names).toEqual(["(Intercept)", "period2", "period3", "period4"]);
    expect(parts.warnings).toEqual([]);
  });

  it("multiply prior weights into the trials", () => {
    const prior = Array.from({ length: 56 }, (_, i) => 1 + (i % 3));
    const parts = buildModelParts("cbind(incidence, size - incidence) ~ 1 + (1 | herd)", cbpp, {
      kind: "glmm",
      weights: prior,
    });
    const size = numbers(cbpp, "size");
    expect(Array.from(parts.weights ?? [])).toEqual(size.map((n, i) => n * prior[i]));
  });

  const small = { s: [1, 2, 0, 3, 1, 2], f: [2, 1, 3, 0, 2, 2], g: ["a", "a", "b", "b", "c", "c"] };

  it("name the row of a negative count or of a row with no trials", () => {
    const negative = { ...small, f: [2, 1, -1, 0, 2, 2] };
    expect(() => buildModelParts("cbind(s, f) ~ 1 + (1 | g)", negative, { kind: "glmm" })).toThrow(
      expect.objectContaining({ column: "f", row: 2, code: "DATA_ERROR" }),
    );
    const empty = { ...small, s: [1, 2, 0, 0, 1, 2], f: [2, 1, 3, 0, 2, 2] };
    expect(() => buildModelParts("cbind(s, f) ~ 1 + (1 | g)", empty, { kind: "glmm" })).toThrow(
      /no trials in row 3/,
    );
  });

  it("warn once about non-integer counts", () => {
    const fractional = { ...small, s: [1.5, 2, 0, 3, 1.5, 2] };
    const parts = buildModelParts("cbind(s, f) ~ 1 + (1 | g)", fractional, { kind: "glmm" });
    expect(parts.warnings?.map((w) => [w.code, w.column])).toEqual([["non-integer-counts", "s"]]);
  });
});

describe("binary responses (binaryResponse: true)", () => {
  it("read a two-level factor as 0/1, the first level being the failure", () => {
    const parts = buildModelParts("r2 ~ 1 + Anger + Gender + (1 | id) + (1 | item)", verbagg, {
      kind: "glmm",
      binaryResponse: true,
    });
    const r2 = labels(verbagg, "r2");
    expect(parts.n).toBe(7584);
    expect(parts.responseKind).toBe("binary");
    expect(parts.responseLevels).toEqual(["N", "Y"]);
    expect(Array.from(parts.y)).toEqual(r2.map((label) => (label === "Y" ? 1 : 0)));
  });

  it("read booleans with FALSE as the failure", () => {
    const data = { y: [true, false, false, true, true, false], g: ["a", "a", "b", "b", "c", "c"] };
    const parts = buildModelParts("y ~ 1 + (1 | g)", data, { kind: "glmm", binaryResponse: true });
    expect(parts.responseLevels).toEqual(["FALSE", "TRUE"]);
    expect(Array.from(parts.y)).toEqual([1, 0, 0, 1, 1, 0]);
  });

  it("reject a factor response with more levels, and any factor response without the option", () => {
    const data = { y: ["a", "b", "c", "a", "b", "c"], g: ["a", "a", "b", "b", "c", "c"] };
    expect(() => buildModelParts("y ~ 1 + (1 | g)", data, { binaryResponse: true })).toThrow(
      /has 3 levels \('a', 'b', 'c'\); a binary response needs two/,
    );
    expect(() => buildModelParts("r2 ~ 1 + (1 | id)", verbagg)).toThrow(DataError);
    expect(() => buildModelParts("r2 ~ 1 + (1 | id)", verbagg)).toThrow(/binaryResponse: true/);
  });
});

describe("the offset option", () => {
  const data = {
    y: [3.1, 2.4, 5.6, 1.2, 7.7, 3.3],
    t: [1, 2, 3, 4, 5, 6],
    g: ["a", "a", "b", "b", "c", "c"],
  };
  it("takes a column or an array, and adds to the formula's offset()", () => {
    expect(
      Array.from(buildModelParts("y ~ 1 + (1 | g)", data, { offset: "t" }).offset ?? []),
    ).toEqual(data.t);
    const both = buildModelParts("y ~ 1 + offset(log(t)) + (1 | g)", data, {
      offset: [10, 20, 30, 40, 50, 60],
    });
    expect(Array.from(both.offset ?? [])).toEqual(data.t.map((t, i) => Math.log(t) + 10 * (i + 1)));
  });
  it("drops rows where it is missing, and names a bad one", () => {
    const parts = buildModelParts("y ~ 1 + (1 | g)", data, {
      offset: [0, null, 0, 0, Number.NaN, 0],
    });
    expect(Array.from(parts.droppedRows)).toEqual([1, 4]);
    expect(() => buildModelParts("y ~ 1 + (1 | g)", data, { offset: [0, 0] })).toThrow(
      /offset: 2 values given but the data have 6 rows/,
    );
    expect(() => buildModelParts("y ~ 1 + (1 | g)", data, { offset: "g" })).toThrow(
      /offset column 'g' is categorical/,
    );
    expect(() => buildModelParts("y ~ 1 + (1 | g)", data, { offset: "tt" })).toThrow(
      /column 'tt' not found; did you mean 't'/,
    );
  });
});
