import { thrown } from "@mixedmodels/testkit";
import { DataError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../build-model-parts";
import { parseCsv } from "./parse-csv";
import { toDataTable } from "./to-data-table";

const dataError = (run: () => unknown): DataError => thrown(run, DataError);

describe("duplicated column names", () => {
  it("in a CSV header are a DataError naming the column and both positions", () => {
    const error = dataError(() => parseCsv("y,g,y\n1,a,2\n3,b,4\n"));
    expect(error.column).toBe("y");
    expect(error.message).toBe(
      "the CSV header has two columns named 'y' (columns 1 and 3); rename one of them",
    );
  });
  it("in a hand-built DataTable are a DataError too", () => {
    const values = new Float64Array([1, 2]);
    const column = { kind: "numeric" as const, values };
    const error = dataError(() =>
      toDataTable({ nrow: 2, names: ["x", "x"], columns: { x: column } }),
    );
    expect(error.column).toBe("x");
    expect(() =>
      buildModelParts("x ~ 1 + (1 | x)", { nrow: 2, names: ["x", "x"], columns: { x: column } }),
    ).toThrow(/two columns named 'x'/);
  });
});
