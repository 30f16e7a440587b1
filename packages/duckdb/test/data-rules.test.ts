import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataError, ModelError } from "@mixedmodels/core";
import { LinearMixedModel } from "@mixedmodels/models";
import { describe, expect, it } from "vitest";
import { lmmFromDuckDB } from "../src/index";
import { datasetTable } from "./helpers/reference-cases";
import { expectSameFit } from "./helpers/same-fit";

/**
 * sleepstudy with a weight column, a covariate with missing cells (empty in the CSV, NaN in
 * memory) and a text column with "NA": the DuckDB engine must drop, weight and offset exactly
 * as the in-memory path does.
 */
function messySleepstudy() {
  const table = datasetTable("sleepstudy");
  const reaction = table.columns.Reaction;
  const days = table.columns.Days;
  const subject = table.columns.Subject;
  if (reaction.kind !== "numeric" || days.kind !== "numeric" || subject.kind !== "categorical") {
    throw new Error("unexpected sleepstudy columns");
  }
  const n = table.nrow;
  const rows = {
    Reaction: Array.from(reaction.values),
    Days: Array.from(days.values),
    Subject: Array.from(subject.codes, (code) => subject.levels[code]),
    w: Array.from({ length: n }, (_, t) => 0.5 + (t % 4) * 0.25),
    x: Array.from({ length: n }, (_, t) => (t % 17 === 3 ? Number.NaN : Math.cos(t))),
    // "NA" and "NaN" in a text column are missing levels (the in-memory reader's rule).
    shift: Array.from({ length: n }, (_, t) =>
      t % 23 === 5 ? "NA" : t % 29 === 8 ? "NaN" : String(t % 3),
    ),
  };
  const lines = ["Reaction,Days,Subject,w,x,shift"];
  for (let t = 0; t < n; t++) {
    const x = Number.isNaN(rows.x[t]) ? "" : String(rows.x[t]);
    lines.push(
      `${rows.Reaction[t]},${rows.Days[t]},"${rows.Subject[t]}",${rows.w[t]},${x},"${rows.shift[t]}"`,
    );
  }
  const directory = mkdtempSync(join(tmpdir(), "mixedmodels-duckdb-"));
  const csv = join(directory, "messy.csv");
  writeFileSync(csv, `${lines.join("\n")}\n`);
  const memoryTable = {
    ...rows,
    shift: rows.shift.map((value) => (value === "NA" ? null : value)),
  };
  return {
    memoryTable,
    source: `read_csv('${csv}', header = true, types = {'Subject': 'VARCHAR', 'shift': 'VARCHAR'})`,
  };
}

describe("DuckDB engine: missing values, weights, offsets, transforms", () => {
  const { memoryTable, source } = messySleepstudy();
  const formula =
    "log(Reaction) ~ 1 + Days + x + shift + offset(Days / 100) + (1 + Days | Subject)";

  it("drops, weights and offsets as the in-memory path (objective at θ to 1e-10, same fit)", async () => {
    const memory = LinearMixedModel.fromFormula(formula, memoryTable, { weights: "w" });
    const model = await lmmFromDuckDB(formula, source, { weights: "w" });
    expect(Array.from(memory.parts.droppedRows)).toEqual(
      Array.from({ length: 180 }, (_, t) => t).filter(
        (t) => t % 17 === 3 || t % 23 === 5 || t % 29 === 8,
      ),
    );
    expect(model.nobs).toBe(memory.nobs);
    expect(model.coefnames()).toEqual(memory.coefnames());
    for (const theta of [
      [1, 0, 1],
      [0.8, 0.1, 0.3],
      [2, -0.5, 0.05],
    ]) {
      const expected = memory.objectiveAt(theta);
      expect(Math.abs(model.objectiveAt(theta) - expected)).toBeLessThan(
        1e-10 * Math.abs(expected),
      );
    }
    expectSameFit(memory, model);
  });

  it("drops dependent columns as the in-memory path: a rescaled covariate, an empty cell", async () => {
    // Days/4 makes Days dependent (the later column goes); with no rows where shift is "2" and
    // Days ≥ 5, the column of that cell of Days5:shift is all zeros.
    const collinear = "Reaction ~ 1 + I(Days / 4) + Days + shift * late + (1 | Subject)";
    const late = (days: number) => (days >= 5 ? "yes" : "no");
    const keep = memoryTable.Days.map((d, t) => !(memoryTable.shift[t] === "2" && d >= 5));
    const pick = <T>(values: readonly T[]) => values.filter((_, t) => keep[t]);
    const subset = {
      Reaction: pick(memoryTable.Reaction),
      Days: pick(memoryTable.Days),
      Subject: pick(memoryTable.Subject),
      shift: pick(memoryTable.shift),
      late: pick(memoryTable.Days).map(late),
    };
    const memory = LinearMixedModel.fromFormula(collinear, subset);
    expect(memory.parts.X.aliased).toEqual(["Days", "shift2:lateyes"]);
    const filtered = `(SELECT *, CASE WHEN "Days" >= 5 THEN 'yes' ELSE 'no' END AS "late" FROM ${source} WHERE NOT ("shift" = '2' AND "Days" >= 5))`;
    const model = await lmmFromDuckDB(collinear, filtered);
    expect(model.parts.X.aliased).toEqual(memory.parts.X.aliased);
    expect(model.coefnames()).toEqual(memory.coefnames());
    expectSameFit(memory, model);
    expect(model.warnings.map((w) => w.code)).toContain("rank-deficient");
  });

  it("names an unknown column in a DataError", async () => {
    const error = await lmmFromDuckDB("Reaction ~ 1 + Dayz + (1 | Subject)", source).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toContain("'Dayz'");
    expect(error.message).toContain("'Days'");
  });

  it("refuses what SQL cannot express with a ModelError naming the term", async () => {
    const error = await lmmFromDuckDB("Reaction ~ 1 + poly(Days, 2) + (1 | Subject)", source).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toContain("poly(Days, 2)");
  });

  it("rejects a non-positive weight and a constant response with DataErrors", async () => {
    const weights = await lmmFromDuckDB("Reaction ~ 1 + (1 | Subject)", source, {
      weights: "x",
    }).catch((e) => e);
    expect(weights).toBeInstanceOf(DataError);
    expect(weights.message).toContain("'x'");
    const constant = await lmmFromDuckDB("Days / Days ~ 1 + (1 | Subject)", source).catch((e) => e);
    expect(constant).toBeInstanceOf(DataError);
  });
});
