import { DataError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { type ContrastMatrix, contrastMatrix } from "./contrast";

/** Row-major rows of the L×m matrix, for comparison with R's printout. */
function rows(matrix: ContrastMatrix): number[][] {
  return Array.from({ length: matrix.levelCount }, (_, i) =>
    Array.from({ length: matrix.columnCount }, (_, j) => matrix.values[j * matrix.levelCount + i]),
  );
}

const abcd = ["a", "b", "c", "d"];

describe("contrastMatrix", () => {
  it("treatment coding drops the base level (first by default)", () => {
    const matrix = contrastMatrix(["A", "B", "C"], "treatment", "f");
    expect(rows(matrix)).toEqual([
      [0, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(matrix.lme4Labels).toEqual(["B", "C"]);
    const based = contrastMatrix(["A", "B", "C"], { type: "treatment", base: "B" }, "f");
    expect(based.lme4Labels).toEqual(["A", "C"]);
    expect(rows(based)[1]).toEqual([0, 0]);
  });

  it("sum coding equals R's contr.sum: the last level is -1, names are indices", () => {
    const matrix = contrastMatrix(["a", "b", "c"], "sum", "f");
    expect(rows(matrix)).toEqual([
      [1, 0],
      [0, 1],
      [-1, -1],
    ]);
    expect(matrix.lme4Labels).toEqual(["1", "2"]);
    expect(matrix.mixedModelsLabels).toEqual(["a", "b"]);
    const effects = contrastMatrix(["a", "b", "c"], { type: "effects", base: "a" }, "f");
    expect(rows(effects)).toEqual([
      [-1, -1],
      [1, 0],
      [0, 1],
    ]);
  });

  it("Helmert coding equals R's contr.helmert(4)", () => {
    expect(rows(contrastMatrix(abcd, "helmert", "f"))).toEqual([
      [-1, -1, -1],
      [1, -1, -1],
      [0, 2, -1],
      [0, 0, 3],
    ]);
  });

  it("sequential difference coding equals MASS::contr.sdif(4)", () => {
    const matrix = contrastMatrix(abcd, "seqdiff", "f");
    expect(rows(matrix)).toEqual([
      [-0.75, -0.5, -0.25],
      [0.25, -0.5, -0.25],
      [0.25, 0.5, -0.25],
      [0.25, 0.5, 0.75],
    ]);
    expect(matrix.lme4Labels).toEqual(["b-a", "c-b", "d-c"]);
  });

  it("full dummy coding has one indicator per level", () => {
    const matrix = contrastMatrix(["x", "y"], "fulldummy", "f");
    expect(rows(matrix)).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it("a user matrix is aligned to the levels present, by level name", () => {
    const matrix = contrastMatrix(
      ["a", "c"],
      { type: "matrix", matrix: [[1], [2], [3]], labels: ["lin"] },
      "f",
      ["a", "b", "c"],
    );
    expect(rows(matrix)).toEqual([[1], [3]]);
    expect(matrix.lme4Labels).toEqual(["lin"]);
  });

  it("rejects an absent base level, a single level and a misshapen matrix", () => {
    expect(() => contrastMatrix(["a", "b"], { type: "treatment", base: "z" }, "f")).toThrowError(
      /base level 'z' of factor 'f'/,
    );
    expect(() => contrastMatrix(["a"], "treatment", "f")).toThrowError(DataError);
    expect(() =>
      contrastMatrix(["a", "b"], { type: "matrix", matrix: [[1]], labels: ["x"] }, "f"),
    ).toThrowError(/1 rows but the factor has 2 levels/);
  });
});
