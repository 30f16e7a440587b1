import { thrown } from "@mixedmodels/testkit";
import { DataError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { type Contrast, type ContrastMatrix, contrastMatrix } from "./contrast";

// MixedModels.jl's column labels, user matrices of more than two levels, and the errors with
// the column they name (issue 19: mutation testing found these untested). A user matrix's values
// are the user's numbers, so they are their own reference; MixedModels.jl labels a built-in
// coding's columns by level: DummyCoding/EffectsCoding/HelmertCoding/SeqDiffCoding by the
// levels after the base (here the first), FullDummyCoding by every level.

function rows(matrix: ContrastMatrix): number[][] {
  return Array.from({ length: matrix.levelCount }, (_, i) =>
    Array.from({ length: matrix.columnCount }, (_, j) => matrix.values[j * matrix.levelCount + i]),
  );
}

const dataError = (run: () => unknown): DataError => thrown(run, DataError);

describe("contrastMatrix labels in MixedModels.jl's style", () => {
  it("names helmert and seqdiff columns by the levels after the first, fulldummy by every level", () => {
    const levels = ["a", "b", "c"];
    expect(contrastMatrix(levels, "helmert", "f").mixedModelsLabels).toEqual(["b", "c"]);
    expect(contrastMatrix(levels, "seqdiff", "f").mixedModelsLabels).toEqual(["b", "c"]);
    expect(contrastMatrix(levels, "fulldummy", "f").mixedModelsLabels).toEqual(levels);
  });
});

describe("a user matrix contrast", () => {
  const levels = ["lo", "mid", "hi"];
  const spec: Contrast = {
    type: "matrix",
    matrix: [
      [-1, 1],
      [0, -2],
      [1, 1],
    ],
    labels: ["lin", "quad"],
  };

  it("gives the user's rows for three levels, two columns, with the labels in both styles", () => {
    const matrix = contrastMatrix(levels, spec, "dose");
    expect(matrix.columnCount).toBe(2);
    expect(rows(matrix)).toEqual(spec.type === "matrix" ? spec.matrix : []);
    expect(matrix.lme4Labels).toEqual(["lin", "quad"]);
    expect(matrix.mixedModelsLabels).toEqual(["lin", "quad"]);
  });

  it("picks the rows of the levels present, by name", () => {
    const matrix = contrastMatrix(["lo", "hi"], spec, "dose", levels);
    expect(rows(matrix)).toEqual([
      [-1, 1],
      [1, 1],
    ]);
  });

  it("rejects a matrix without a row for a level, a row of the wrong length, a non-finite entry", () => {
    const missing = dataError(() =>
      contrastMatrix(["lo", "top"], { ...spec, levels: ["lo", "mid", "hi"] } as Contrast, "dose"),
    );
    expect(missing.message).toBe("contrast matrix for 'dose' has no row for level 'top'");
    expect(missing.column).toBe("dose");
    const short = dataError(() =>
      contrastMatrix(
        levels,
        { type: "matrix", matrix: [[1, 0], [0], [0, 1]], labels: ["p", "q"] },
        "dose",
      ),
    );
    expect(short.message).toBe(
      "row 1 of the contrast matrix for 'dose' has 1 entries but 2 labels were given",
    );
    expect(short.column).toBe("dose");
    const infinite = dataError(() =>
      contrastMatrix(
        levels,
        { type: "matrix", matrix: [[1], [Number.NaN], [0]], labels: ["p"] },
        "dose",
      ),
    );
    expect(infinite.message).toBe("contrast matrix for 'dose' has a non-finite entry in row 1");
    expect(infinite.column).toBe("dose");
    const rowsWrong = dataError(() =>
      contrastMatrix(levels, { type: "matrix", matrix: [[1], [0]], labels: ["p"] }, "dose"),
    );
    expect(rowsWrong.column).toBe("dose");
  });
});

describe("contrastMatrix errors name the column and the levels", () => {
  it("on fewer than two levels: none, or the only one", () => {
    const none = dataError(() => contrastMatrix([], "treatment", "f"));
    expect(none.message).toBe(
      "factor 'f' has no level in the rows used; contrasts need at least 2 levels",
    );
    expect(none.column).toBe("f");
    const one = dataError(() => contrastMatrix(["a"], "sum", "f"));
    expect(one.message).toBe(
      "factor 'f' has only the level 'a' in the rows used; contrasts need at least 2 levels",
    );
  });

  it("on a base level that does not occur", () => {
    const error = dataError(() =>
      contrastMatrix(["a", "b"], { type: "treatment", base: "z" }, "f"),
    );
    expect(error.message).toBe(
      "base level 'z' of factor 'f' does not occur in the rows used (levels: a, b)",
    );
    expect(error.column).toBe("f");
  });
});
