import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

const scratch = mkdtempSync(join(tmpdir(), "mixedmodels-cli-duckdb-"));
const csv = join(scratch, "sleepstudy.csv");
copyFileSync(join(import.meta.dirname, "../../datasets/data/sleepstudy.csv"), csv);
const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

describe("fit --engine duckdb", () => {
  it("fits a CSV through DuckDB to the in-memory result", async () => {
    const memory = await runCli(["fit", csv, "-f", formula, "--json"]);
    const duckdb = await runCli(["fit", csv, "-f", formula, "--json", "--engine", "duckdb"]);
    expect(duckdb.stderr).toBe("");
    expect(duckdb.code).toBe(0);
    const a = JSON.parse(memory.stdout) as FitJsonOutput;
    const b = JSON.parse(duckdb.stdout) as FitJsonOutput;
    expect(Math.abs(b.objective - a.objective)).toBeLessThan(1e-9 * a.objective);
    // lme4's deviance of this model (shared references, sleepstudy_ml).
    expect(b.objective).toBeCloseTo(1751.939344, 5);
  });

  it("rejects an unknown engine, a dataset name and --schema as usage errors", async () => {
    const unknown = await runCli(["fit", csv, "-f", formula, "--engine", "spark"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--engine must be memory or duckdb");
    const dataset = await runCli(["fit", "sleepstudy", "-f", formula, "--engine", "duckdb"]);
    expect(dataset.code).toBe(2);
    expect(dataset.stderr).toContain(".parquet or .csv");
    const schema = await runCli([
      "fit",
      csv,
      "-f",
      formula,
      "--engine",
      "duckdb",
      "--schema",
      "x.json",
    ]);
    expect(schema.code).toBe(2);
  });

  it("names an unknown column (exit 1, no stack trace)", async () => {
    const run = await runCli([
      "fit",
      csv,
      "-f",
      "Reaction ~ Dayz + (1 | Subject)",
      "--engine",
      "duckdb",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'Dayz'");
    expect(run.stderr).not.toContain("    at ");
  });
});
