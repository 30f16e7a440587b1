import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleepstudy } from "@mixedmodels/datasets";
import { restoreFit } from "mixedmodels";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

const sleepstudyCsv = readFileSync(
  join(import.meta.dirname, "../../datasets/data/sleepstudy.csv"),
  "utf8",
);
const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";
const scratch = mkdtempSync(join(tmpdir(), "mixedmodels-cli-"));
const ml = 1751.939344; // lme4's deviance of this model (shared references, sleepstudy_ml)

/**
 * sleepstudy with subjects "é308"… (two-byte characters) and an 800-character note per row: 150
 * kB, over twice the 64 KiB read ahead for the header, so most rows arrive after the delimiter is
 * chosen.
 */
function wideCsv(): string {
  const rows = sleepstudyCsv.trimEnd().split("\n");
  const note = "n".repeat(800);
  return [
    `${rows[0]},"note"`,
    ...rows.slice(1).map((row) => `${row.replace(/"(\d+)"$/, '"é$1"')},${note}`),
  ].join("\n");
}

function objectiveOf(stdout: string): number {
  return (JSON.parse(stdout) as FitJsonOutput).objective;
}

describe("reading data from the command line", () => {
  it("reads standard input for the source '-'", async () => {
    const run = await runCli(["fit", "-", "-f", formula, "--json"], sleepstudyCsv);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(objectiveOf(run.stdout)).toBeCloseTo(ml, 5);
  });

  it("streams standard input: chunks split inside characters, a header read ahead, the rest after", async () => {
    // Chunks of 999 bytes cut the two-byte characters in two.
    const bytes = new TextEncoder().encode(wideCsv());
    expect(bytes.length).toBeGreaterThan(2 * 64 * 1024);
    const chunkBytes = 999;
    let pulled = 0;
    function* chunks() {
      for (let start = 0; start < bytes.length; start += chunkBytes) {
        pulled++;
        yield bytes.subarray(start, start + chunkBytes);
      }
    }
    const run = await runCli(["fit", "-", "-f", formula, "--json", "--ranef"], chunks());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(pulled).toBe(Math.ceil(bytes.length / chunkBytes));
    expect(objectiveOf(run.stdout)).toBeCloseTo(ml, 5);
    expect(run.stdout).toContain('"é308"');
    expect(run.stdout).not.toContain("\ufffd");
  });

  it("reads a file once: a named pipe, which a second open would wait on forever", async () => {
    // A FIFO has size 0 and gives its bytes to one reader only: the header is taken from the
    // chunks the parser then reads, and nothing opens the file twice.
    const fifo = join(scratch, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    const csv = wideCsv().replaceAll(",", ";");
    const writer = createWriteStream(fifo);
    const written = new Promise<void>((resolve, reject) => {
      writer.on("error", reject);
      writer.end(csv, () => resolve());
    });
    const run = await runCli(["fit", fifo, "-f", formula, "--json", "--ranef"]);
    await written;
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(objectiveOf(run.stdout)).toBeCloseTo(ml, 5);
    expect(run.stdout).toContain('"é308"');
  });

  it("detects a tab or ';' delimiter from the header", async () => {
    for (const delimiter of ["\t", ";"]) {
      const run = await runCli(
        ["fit", "-", "-f", formula, "--json"],
        sleepstudyCsv.replaceAll(",", delimiter),
      );
      expect(run.stderr).toBe("");
      expect(objectiveOf(run.stdout)).toBeCloseTo(ml, 5);
    }
  });

  it("takes --delimiter for a header that holds two candidates", async () => {
    const text = sleepstudyCsv.replaceAll(",", ";").replace('"Subject"', '"Sub,ject"');
    const run = await runCli(
      ["fit", "-", "-f", "Reaction ~ 1 + Days + (1 + Days | Sub)", "--delimiter", ";"],
      text,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("'Sub'");
    const tsv = await runCli(
      ["fit", "-", "-f", formula, "--delimiter", "\\t", "--json"],
      sleepstudyCsv.replaceAll(",", "\t"),
    );
    expect(objectiveOf(tsv.stdout)).toBeCloseTo(ml, 5);
  });

  it("says which delimiter made a column go missing and which flag fixes it", async () => {
    const path = join(scratch, "semicolon.csv");
    writeFileSync(path, sleepstudyCsv.replaceAll('"', "").replaceAll(",", ";"));
    const run = await runCli(["fit", path, "-f", formula, "--delimiter", ","]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("column 'Reaction' not found");
    expect(run.stderr).toContain("delimiter ','");
    expect(run.stderr).toContain("1 column: Reaction;Days;Subject");
    expect(run.stderr).toContain("try --delimiter ';'");
  });

  it("writes the output to a file with -o", async () => {
    const path = join(scratch, "fit.json");
    const run = await runCli(["fit", "sleepstudy", "-f", formula, "--json", "-o", path]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(objectiveOf(readFileSync(path, "utf8"))).toBeCloseTo(ml, 5);
  });

  it("saves the fit with --save for restoreFit, which rebuilds it without optimizing", async () => {
    const path = join(scratch, "saved.json");
    const run = await runCli(["fit", "sleepstudy", "-f", formula, "--json", "--save", path]);
    expect(run.code).toBe(0);
    const restored = restoreFit(readFileSync(path, "utf8"), sleepstudy);
    expect(restored.objective).toBe(objectiveOf(run.stdout));
    expect(restored.fitLog.length).toBe((JSON.parse(run.stdout) as FitJsonOutput).evaluations);
  });

  it("names a directory and an empty file and what is wrong with them", async () => {
    const directory = await runCli(["fit", scratch, "-f", formula]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toBe(
      `error: '${scratch}' is a directory; fit needs a CSV file or a dataset name\n`,
    );
    const empty = join(scratch, "empty.csv");
    writeFileSync(empty, "");
    const run = await runCli(["fit", empty, "-f", formula]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `error: '${empty}' is empty (0 bytes): a CSV file needs a header row and data\n`,
    );
    const blank = await runCli(["fit", "-", "-f", formula], "\n\n");
    expect(blank.stderr).toBe(
      "error: standard input is empty: a CSV file needs a header row and data\n",
    );
  });

  it("names the file when its CSV is malformed", async () => {
    const path = join(scratch, "ragged.csv");
    writeFileSync(path, "y,g\n1,a\n2\n");
    const run = await runCli(["fit", path, "-f", "y ~ 1 + (1|g)"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: reading '${path}': `));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("fits the seed's InstEval model from the CSV with --schema, as lme4", async () => {
    const data = join(import.meta.dirname, "../../datasets/data");
    const reference = JSON.parse(
      readFileSync(
        join(import.meta.dirname, "../test/fixtures/references/insteval_seed_ml.json"),
        "utf8",
      ),
    ) as { objective: number; fixef: { names: string[]; beta: number[]; stderror: number[] } };
    const run = await runCli([
      "fit",
      join(data, "insteval.csv"),
      "--schema",
      join(data, "insteval.schema.json"),
      "-f",
      "y ~ 1 + dept * service + (1 | s) + (1 | d)",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    const output = JSON.parse(run.stdout) as FitJsonOutput;
    expect(output.fixef.names).toEqual(reference.fixef.names);
    expect(output.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-6));
    reference.fixef.beta.forEach((beta, i) => {
      expect(Math.abs(output.fixef.estimates[i] - beta)).toBeLessThanOrEqual(
        2e-3 * reference.fixef.stderror[i],
      );
    });
  }, 120_000);

  it("names a schema file that is not JSON or has no columns", async () => {
    const path = join(scratch, "bad.schema.json");
    writeFileSync(path, "{ not json");
    const bad = await runCli(["fit", "sleepstudy", "-f", formula, "--schema", path]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`the schema file '${path}' is not valid JSON`);
    writeFileSync(path, '{"name": "x"}');
    const empty = await runCli(["fit", "sleepstudy", "-f", formula, "--schema", path]);
    expect(empty.stderr).toContain('has no "columns" object');
  });
});
