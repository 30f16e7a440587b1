import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

// Issue 12's CSV items from the command line: R's read.csv typing (quoting does not make a
// column categorical), duplicated headers, names that are Object.prototype's, and the response
// on the right-hand side. Reference: lme4 (test/fixtures/references/sleepstudy_ml.json).
const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, "../test/fixtures/references/sleepstudy_ml.json"), "utf8"),
) as { formula: string; objective: number; fixef: { names: string[]; beta: number[] } };
const directory = mkdtempSync(join(tmpdir(), "mm-csv-like-r-"));
const reaction = sleepstudy.columns.Reaction;
const days = sleepstudy.columns.Days;
const subject = sleepstudy.columns.Subject;
if (reaction.kind !== "numeric" || days.kind !== "numeric" || subject.kind !== "categorical") {
  throw new Error("unexpected sleepstudy");
}
const reactions = reaction.values;
const dayValues = days.values;
const subjects = Array.from(subject.codes, (code) => subject.levels[code]);

/** sleepstudy as CSV, with the columns in `quote` quoted and the header's names as given. */
function sleepstudyCsv(
  name: string,
  quote: readonly string[],
  header = ["Reaction", "Days", "Subject"],
) {
  const q = (column: string, text: string) => (quote.includes(column) ? `"${text}"` : text);
  const lines = [header.map((h) => q(h, h)).join(",")];
  for (let i = 0; i < sleepstudy.nrow; i++) {
    lines.push(
      [
        q("Reaction", String(reactions[i])),
        q("Days", String(dayValues[i])),
        q("Subject", subjects[i]),
      ].join(","),
    );
  }
  const path = join(directory, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

function expectLme4(stdout: string): FitJsonOutput {
  const output = JSON.parse(stdout) as FitJsonOutput;
  expect(output.fixef.names).toEqual(reference.fixef.names);
  expect(output.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-6));
  expect(output.objective).toBeGreaterThan(reference.objective - 1e-3);
  return output;
}

describe("CSV from the command line, typed as R's read.csv types it", () => {
  it("a quoted Days and a fully quoted file are numbers, and fit as lme4 does", async () => {
    for (const [name, quote] of [
      ["days-quoted.csv", ["Days"]],
      ["all-quoted.csv", ["Reaction", "Days", "Subject"]],
    ] as const) {
      const run = await runCli([
        "fit",
        sleepstudyCsv(name, quote),
        "-f",
        reference.formula,
        "--json",
      ]);
      expect(run.stderr, name).toBe("");
      expectLme4(run.stdout);
    }
  });

  it("--categorical makes Days a factor (R's factor(Days)): nine contrasts Days1…Days9", async () => {
    const path = sleepstudyCsv("plain.csv", []);
    const run = await runCli([
      "fit",
      path,
      "-f",
      "Reaction ~ 1 + Days + (1 | Subject)",
      "--categorical",
      "Days",
      "--json",
    ]);
    const output = JSON.parse(run.stdout) as FitJsonOutput;
    expect(output.fixef.names).toEqual([
      "(Intercept)",
      ...Array.from({ length: 9 }, (_, i) => `Days${i + 1}`),
    ]);
  });

  it("a numeric grouping column is a factor all the same", async () => {
    const path = join(directory, "numeric-subject.csv");
    const lines = ["Reaction,Days,Subject"];
    for (let i = 0; i < sleepstudy.nrow; i++) {
      lines.push(`${reactions[i]},${dayValues[i]},${subjects[i]}`);
    }
    writeFileSync(path, `${lines.join("\n")}\n`);
    const output = expectLme4(
      (await runCli(["fit", path, "-f", reference.formula, "--json"])).stdout,
    );
    expect(output.ngroups.Subject).toBe(18);
  });

  it("a duplicated header is a DataError naming the column (exit 1)", async () => {
    const path = sleepstudyCsv("duplicate.csv", [], ["Reaction", "Days", "Days"]);
    const run = await runCli(["fit", path, "-f", "Reaction ~ 1 + Days + (1 | Days)"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/two columns named 'Days' \(columns 2 and 3\)/);
  });

  it("columns named constructor, toString and __proto__ fit like any other", async () => {
    const path = sleepstudyCsv("reserved.csv", [], ["constructor", "toString", "__proto__"]);
    const run = await runCli([
      "fit",
      path,
      "-f",
      "constructor ~ 1 + toString + (1 + toString | `__proto__`)",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    const output = JSON.parse(run.stdout) as FitJsonOutput;
    expect(output.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-6));
    expect(output.fixef.names).toEqual(["(Intercept)", "toString"]);
  });

  it("the response on the right-hand side is dropped with a warning in the JSON and the text", async () => {
    const formula = "Reaction ~ 1 + Days + Reaction + (1 + Days | Subject)";
    const run = await runCli(["fit", "sleepstudy", "-f", formula, "--json"]);
    const output = expectLme4(run.stdout);
    expect(output.warnings.map((warning) => warning.code)).toContain("response-on-right-hand-side");
    const text = await runCli(["fit", "sleepstudy", "-f", formula]);
    expect(text.stdout).toMatch(/Reaction/);
    expect(text.stdout.toLowerCase()).toMatch(/right-hand side/);
  });
});
