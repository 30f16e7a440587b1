import { describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";

// A contrast can be keyed by the term's label (`factor(x)`) as well as by the column (issue 19:
// mutation testing found the label lookup untested). R names sum-coded columns by number:
// model.matrix(~ factor(x), contrasts.arg = list(`factor(x)` = "contr.sum")) has columns
// factor(x)1, factor(x)2, with rows (1, 0), (0, 1), (−1, −1) for x = 1, 2, 3.
describe("contrasts keyed by a term label", () => {
  it("codes factor(x) with the contrast given for 'factor(x)'", () => {
    const data = {
      y: [1.5, 2.25, 3.5, 4.75, 5.5, 6.25],
      x: [1, 2, 3, 1, 2, 3],
      g: ["a", "a", "b", "b", "c", "c"],
    };
    const parts = buildModelParts("y ~ 1 + factor(x) + (1 | g)", data, {
      contrasts: { "factor(x)": "sum" },
    });
    expect(parts.X.names).toEqual(["(Intercept)", "factor(x)1", "factor(x)2"]);
    const column = (j: number) => Array.from(parts.X.data.subarray(j * parts.n, (j + 1) * parts.n));
    expect(column(1)).toEqual([1, 0, -1, 1, 0, -1]);
    expect(column(2)).toEqual([0, 1, -1, 0, 1, -1]);
  });
});
