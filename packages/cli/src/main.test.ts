import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";

describe("mixedmodels command", () => {
  it("prints the seed's sleepstudy summary", async () => {
    const run = await runCli([
      "fit",
      "sleepstudy",
      "--formula",
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Linear mixed model fit by maximum likelihood");
    expect(run.stdout).toContain("-875.9697");
    expect(run.stdout).toContain("1751.9393");
    expect(run.stdout).toContain("251.405");
    expect(run.stdout).toContain("10.4673");
  });

  it("prints Markdown on request", async () => {
    const run = await runCli([
      "fit",
      "dyestuff",
      "-f",
      "Yield ~ 1 + (1 | Batch)",
      "--format",
      "markdown",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\|.*\|$/m);
  });

  it("prints verbose evaluation lines on stderr", async () => {
    const run = await runCli([
      "fit",
      "dyestuff",
      "-f",
      "Yield ~ 1 + (1 | Batch)",
      "--verbose",
      "--json",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n")[0]).toMatch(/^f_1: 327\.76702, \[1(\.0)?\]$/);
    expect(JSON.parse(run.stdout).objective).toBeCloseTo(327.3270598811, 6);
  });

  it("lists the embedded datasets with their sizes", async () => {
    const run = await runCli(["datasets"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/insteval\s+73421/);
    expect(run.stdout).toMatch(/sleepstudy\s+180/);
  });

  it("explains a formula error with a caret and exits non-zero, without a stack trace", async () => {
    const run = await runCli(["fit", "sleepstudy", "-f", "Reaction ~ 1 + Days + (1 + Days | )"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toContain("^");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("names an unknown column", async () => {
    const run = await runCli(["fit", "sleepstudy", "-f", "Reation ~ 1 + Days + (1 | Subject)"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Reation");
    expect(run.stderr).toContain("Reaction");
  });

  it("rejects a missing file and a missing formula as usage errors", async () => {
    const missingFile = await runCli(["fit", "no-such-file.csv", "-f", "y ~ 1 + (1|g)"]);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toContain("no-such-file.csv");
    const missingFormula = await runCli(["fit", "sleepstudy"]);
    expect(missingFormula.code).toBe(2);
    expect(missingFormula.stderr).toContain("--formula");
  });

  it("shows the stack with --debug", async () => {
    const run = await runCli(["fit", "sleepstudy", "-f", "Reaction ~ ", "--debug"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});
