import { describe, expect, it } from "vitest";
import { DataError, FormulaSyntaxError, MixedModelsError, NotPositiveDefiniteError } from "./index";

describe("errors", () => {
  it("carry a stable code and the offending column and row", () => {
    const error = new DataError("column 'y' has Inf in row 3", { column: "y", row: 3 });
    expect(error).toBeInstanceOf(MixedModelsError);
    expect(error.code).toBe("DATA_ERROR");
    expect(error.column).toBe("y");
    expect(error.row).toBe(3);
  });
  it("name the block and row of a failed pivot", () => {
    const error = new NotPositiveDefiniteError(2, 17);
    expect(error.message).toContain("block 2, row 17");
    expect(error.code).toBe("NOT_POSITIVE_DEFINITE");
  });
  it("include formula errors in the one hierarchy", () => {
    const error = new FormulaSyntaxError("unexpected '+'", "y ~ +", 4);
    expect(error).toBeInstanceOf(MixedModelsError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("FORMULA_SYNTAX");
    expect(error.name).toBe("FormulaSyntaxError");
    expect(error.column).toBe(5);
    expect(error.message).toBe("unexpected '+' (line 1, column 5)\ny ~ +\n    ^");
  });
});
