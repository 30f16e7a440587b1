import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleepstudy } from "@mixedmodels/datasets";
import { Dictionary, Float64, Int32, Table, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

// Issue 16: Arrow IPC and Parquet files from the command line, and large CSVs streamed with a
// progress line on a terminal. Files are written here by apache-arrow (IPC) and hyparquet-writer.
const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, "../test/fixtures/references/sleepstudy_ml.json"), "utf8"),
) as { formula: string; objective: number; fixef: { beta: number[] } };
const directory = mkdtempSync(join(tmpdir(), "mm-formats-"));
const reaction = sleepstudy.columns.Reaction;
const days = sleepstudy.columns.Days;
const subject = sleepstudy.columns.Subject;
if (reaction.kind !== "numeric" || days.kind !== "numeric" || subject.kind !== "categorical") {
  throw new Error("unexpected sleepstudy");
}
const labels = Array.from(subject.codes, (code) => subject.levels[code]);

function expectLme4Fit(stdout: string): void {
  const output = JSON.parse(stdout) as FitJsonOutput;
  // lme4: objective within 1e-6 relative or lower; β within 2e-3 SE (here 1e-3 absolute).
  expect(output.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-6));
  expect(output.objective).toBeGreaterThan(reference.objective - 1e-3);
  reference.fixef.beta.forEach((beta, i) => {
    expect(Math.abs(output.fixef.estimates[i] - beta)).toBeLessThan(1e-3);
  });
}

describe("fit from Arrow IPC and Parquet files", () => {
  it("fits sleepstudy from an Arrow IPC file (dictionary Subject) as lme4 does", async () => {
    const table = new Table({
      Reaction: vectorFromArray(Array.from(reaction.values), new Float64()),
      Days: vectorFromArray(Array.from(days.values), new Int32()),
      Subject: vectorFromArray(labels, new Dictionary(new Utf8(), new Int32())),
    });
    for (const [name, format] of [
      ["sleepstudy.arrow", "file"],
      ["sleepstudy.arrows", "stream"],
    ] as const) {
      const path = join(directory, name);
      writeFileSync(path, tableToIPC(table, format));
      const run = await runCli(["fit", path, "-f", reference.formula, "--json"]);
      expect(run.stderr).toBe("");
      expectLme4Fit(run.stdout);
    }
  });

  it("fits sleepstudy from a Parquet file as lme4 does", async () => {
    const { parquetWriteFile } = await import("hyparquet-writer");
    const path = join(directory, "sleepstudy.parquet");
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: "Reaction", data: Float64Array.from(reaction.values), type: "DOUBLE" },
        { name: "Days", data: Int32Array.from(days.values), type: "INT32" },
        { name: "Subject", data: labels, type: "STRING" },
      ],
    });
    const run = await runCli(["fit", path, "-f", reference.formula, "--json"]);
    expect(run.stderr).toBe("");
    expectLme4Fit(run.stdout);
  });

  it("names a file whose extension promises a format it does not hold (exit 1)", async () => {
    const path = join(directory, "fake.parquet");
    writeFileSync(path, "Reaction,Days\n1,2\n");
    const run = await runCli(["fit", path, "-f", "Reaction ~ 1 + (1 | Days)"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/'.*fake\.parquet' is not a Parquet file/);
  });
});

describe("a large CSV", () => {
  it("is streamed with a progress line on a terminal, none in a pipe, and fits", async () => {
    // sleepstudy 200 times over with Subject renamed per copy: 36,000 rows, about 5 MB with the
    // padding column; the same model per copy, so the fit is that of a design with 3,600 subjects.
    const lines = ["Reaction,Days,Subject,padding"];
    const padding = "x".repeat(100);
    for (let copy = 0; copy < 200; copy++) {
      for (let i = 0; i < sleepstudy.nrow; i++) {
        lines.push(`${reaction.values[i]},${days.values[i]},${labels[i]}_${copy},${padding}`);
      }
    }
    const path = join(directory, "large.csv");
    writeFileSync(path, `${lines.join("\n")}\n`);
    const args = ["fit", path, "-f", "Reaction ~ 1 + Days + (1 | Subject)", "--json"];
    const { code, stdout, stderr } = await runCli(args, "", true);
    expect(code).toBe(0);
    expect(stderr).toMatch(/\r {2}reading '.*large\.csv': 100% \(\d+\.\d of \d+\.\d MB\)/);
    // The line is cleared once the file is read.
    expect(stderr).toContain("\r\x1b[K");
    const output = JSON.parse(stdout) as FitJsonOutput;
    expect(output.nobs).toBe(36_000);
    expect(output.ngroups.Subject).toBe(3_600);
    const piped = await runCli(args);
    expect(piped.stderr).toBe("");
    expect(piped.stdout).toBe(stdout);
  }, 300_000);
});
