import { readFileSync } from "node:fs";
import { join } from "node:path";
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
    // lme4's start for scalar-intercept models (packages/models/src/lme4-start.ts), as in R.
    expect(run.stderr.split("\n")[0]).toMatch(/^f_1: 327\.70265, \[0\.978760503425870\d\]$/);
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

  it("gives the fit command's own help with `help fit` and `fit --help`, exit codes included", async () => {
    const viaHelp = await runCli(["help", "fit"]);
    const viaFlag = await runCli(["fit", "--help"]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toContain("--weights <column>");
    expect(viaHelp.stdout).toContain("Exit codes:");
    expect(viaHelp.stdout).toMatch(/^\s+2\s+the command line/m);
    const general = await runCli(["--help"]);
    expect(general.stdout).toContain("Exit codes:");
    expect(general.stdout).not.toContain("--weights <column>");
    const unknown = await runCli(["help", "plot"]);
    expect(unknown.code).toBe(2);
  });

  it("reads --version from the package", async () => {
    const { version } = JSON.parse(
      readFileSync(join(import.meta.dirname, "../package.json"), "utf8"),
    ) as { version: string };
    const run = await runCli(["--version"]);
    expect(run.stdout).toBe(`mixedmodels ${version}\n`);
  });

  it("prints seconds only with --timing, so that the default JSON is deterministic", async () => {
    const args = ["fit", "dyestuff", "-f", "Yield ~ 1 + (1 | Batch)", "--json"];
    const first = await runCli(args);
    const second = await runCli(args);
    expect(first.stdout).toBe(second.stdout);
    expect(JSON.parse(first.stdout)).not.toHaveProperty("seconds");
    const timed = JSON.parse((await runCli([...args, "--timing"])).stdout);
    expect(timed.seconds).toBeGreaterThan(0);
    expect(Object.keys(timed).at(-1)).toBe("seconds");
  });

  it("includes the conditional modes with --ranef", async () => {
    const run = await runCli([
      "fit",
      "dyestuff",
      "-f",
      "Yield ~ 1 + (1 | Batch)",
      "--json",
      "--ranef",
    ]);
    const output = JSON.parse(run.stdout);
    expect(output.ranef[0].group).toBe("Batch");
    expect(output.ranef[0].levels).toEqual(["A", "B", "C", "D", "E", "F"]);
    // lme4: ranef(lmer(Yield ~ 1 + (1|Batch), Dyestuff, REML = FALSE))$Batch[1, 1]
    expect(output.ranef[0].values[0][0]).toBeCloseTo(-16.62822, 2);
    expect(
      (await runCli(["fit", "dyestuff", "-f", "Yield ~ 1 + (1 | Batch)", "--ranef"])).code,
    ).toBe(2);
  });

  it("shows the stack with --debug", async () => {
    const run = await runCli(["fit", "sleepstudy", "-f", "Reaction ~ ", "--debug"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/\n\s+at /);
  });
});
