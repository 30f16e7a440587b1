import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cbpp } from "@mixedmodels/datasets";
import { GeneralizedMixedModel, restoreFit } from "mixedmodels";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

// The GLMM flags of `mixedmodels fit` (issue 11) beyond the reference cases of
// glmm-json-contract.test.ts: the text summary, --offset, --fast, and every flag mistake.
const cbppArgs = ["fit", "cbpp", "-f", "incidence / size ~ 1 + period + (1 | herd)"];

describe("mixedmodels fit --family", () => {
  it("prints the GLMM summary as MixedModels.jl does: family, link, nAGQ, no residual line", async () => {
    const run = await runCli([
      ...cbppArgs,
      "--family",
      "binomial",
      "--weights",
      "size",
      "--nagq",
      "9",
    ]);
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Generalized Linear Mixed Model fit by maximum likelihood (nAGQ = 9)");
    expect(run.stdout).toContain("Distribution: Binomial");
    expect(run.stdout).toContain("Link: logit");
    expect(run.stdout).not.toContain("Residual");
    // glmer nAGQ = 9: period2 -0.99 (SE 0.303), printed in the coefficient table.
    expect(run.stdout).toMatch(/period2\s+-0\.99/);
  });

  it("--offset COL gives glmer's Poisson fit with offset(log(size)), counted once", async () => {
    // lme4 1.1-31: glmer(incidence ~ 1 + period + offset(log(size)) + (1 | herd), poisson)
    // (packages/mixedmodels/test/fixtures/offset/make-offset-fits.R).
    const reference = JSON.parse(
      readFileSync(
        join(import.meta.dirname, "../../mixedmodels/test/fixtures/offset/offset-fits.json"),
        "utf8",
      ),
    ) as { poisson: { minus2loglik: number; fixef: number[] } };
    const size = cbpp.columns.size;
    const incidence = cbpp.columns.incidence;
    const herd = cbpp.columns.herd;
    const period = cbpp.columns.period;
    if (size.kind !== "numeric" || incidence.kind !== "numeric") throw new Error("numeric");
    if (herd.kind !== "categorical" || period.kind !== "categorical") throw new Error("factors");
    const rows = ["incidence,logsize,herd,period"];
    for (let i = 0; i < cbpp.nrow; i++) {
      rows.push(
        `${incidence.values[i]},${Math.log(size.values[i])},${herd.levels[herd.codes[i]]},${period.levels[period.codes[i]]}`,
      );
    }
    const path = join(mkdtempSync(join(tmpdir(), "mm-glmm-")), "cbpp.csv");
    writeFileSync(path, `${rows.join("\n")}\n`);
    const run = await runCli([
      "fit",
      path,
      "-f",
      "incidence ~ 1 + period + (1 | herd)",
      "--family",
      "poisson",
      "--offset",
      "logsize",
      "--categorical",
      "period",
      "--json",
    ]);
    expect(run.stderr).toBe("");
    const output = JSON.parse(run.stdout) as FitJsonOutput;
    expect(output.family).toBe("poisson");
    expect(output.link).toBe("log");
    const minus2loglik = reference.poisson.minus2loglik;
    expect(-2 * output.loglik).toBeLessThanOrEqual(minus2loglik * (1 + 1e-6));
    expect(-2 * output.loglik).toBeGreaterThan(minus2loglik - 1e-2);
    reference.poisson.fixef.forEach((beta, i) => {
      expect(Math.abs(output.fixef.estimates[i] - beta)).toBeLessThan(1e-3);
    });
  });

  it("--fast optimizes θ alone: glmer's nAGQ = 0 is close to, not below, the full Laplace fit", async () => {
    const run = await runCli([
      ...cbppArgs,
      "--family",
      "binomial",
      "--weights",
      "size",
      "--fast",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as FitJsonOutput;
    // glmer's full Laplace fit: -2 logLik 184.053133; the fast fit cannot be better.
    expect(-2 * output.loglik).toBeGreaterThanOrEqual(184.0525);
    expect(-2 * output.loglik).toBeLessThan(184.2);
    expect(output.nagq).toBe(1);
  });

  it("saves a GLMM with --save for restoreFit, which rebuilds it without optimizing", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mixedmodels-cli-")), "cbpp-fit.json");
    const flags = ["--family", "binomial", "--weights", "size", "--nagq", "9", "--json"];
    const run = await runCli([...cbppArgs, ...flags, "--save", path]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as FitJsonOutput;
    const restored = restoreFit(readFileSync(path, "utf8"), cbpp);
    if (!(restored instanceof GeneralizedMixedModel)) throw new Error("not a GLMM");
    expect(restored.objective).toBe(output.objective);
    expect(restored.nAGQ).toBe(9);
    expect(restored.fitLog.length).toBe(output.evaluations);
    expect(Array.from(restored.fixef())).toEqual(output.fixef.estimates);
    expect(restored.toString()).toContain("Distribution: Binomial");
  });

  it("rejects flag mistakes as usage errors (exit 2), naming the flag", async () => {
    const mistakes: [string[], RegExp][] = [
      [["--family", "negbin"], /--family must be one of bernoulli, binomial, poisson/],
      [["--family", "poisson", "--link", "logitt"], /--link must be one of R's links/],
      [["--link", "logit"], /--link goes with --family/],
      [["--nagq", "9"], /--nagq goes with --family/],
      [
        ["--family", "binomial", "--nagq", "30"],
        /--nagq takes a whole number of nodes from 1 to 25/,
      ],
      [["--family", "binomial", "--nagq", "2.5"], /--nagq takes a whole number/],
      [["--family", "binomial", "--reml"], /--reml is for linear models/],
      [["--family", "binomial", "--nagq", "9", "--fast"], /--fast .* does not go with --nagq/],
    ];
    for (const [flags, message] of mistakes) {
      const run = await runCli([...cbppArgs, "--weights", "size", ...flags]);
      expect(run.code, flags.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("names the terms when nAGQ > 1 meets two random-effects terms (exit 1)", async () => {
    const run = await runCli([
      "fit",
      "grouseticks",
      "-f",
      "TICKS ~ 1 + YEAR + (1 | BROOD) + (1 | LOCATION)",
      "--family",
      "poisson",
      "--nagq",
      "5",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/BROOD/);
    expect(run.stderr).toMatch(/LOCATION/);
  });

  it("gives a DataError for a Poisson response that is negative, naming column and row", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "mm-glmm-")), "bad.csv");
    writeFileSync(path, "y,g\n1,a\n2,a\n-1,b\n3,b\n0,c\n4,c\n");
    const run = await runCli(["fit", path, "-f", "y ~ 1 + (1 | g)", "--family", "poisson"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/'y'/);
    expect(run.stderr).toMatch(/row 2/);
  });

  it("fits --family gaussian (identity) as the linear model it is", async () => {
    const linear = await runCli(["fit", "dyestuff", "-f", "Yield ~ 1 + (1 | Batch)", "--json"]);
    const gaussian = await runCli([
      "fit",
      "dyestuff",
      "-f",
      "Yield ~ 1 + (1 | Batch)",
      "--family",
      "gaussian",
      "--json",
    ]);
    expect(gaussian.code).toBe(0);
    expect(gaussian.stdout).toBe(linear.stdout);
    // The seed: objective 327.3270598811 (shared/references/README.md).
    expect(
      Math.abs((JSON.parse(gaussian.stdout) as FitJsonOutput).objective - 327.3270598811),
    ).toBeLessThan(1e-5);
  });
});

describe("mixedmodels --help", () => {
  it("lists every command and the exit codes; each command has its own page", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const command of ["fit", "predict", "simulate", "bootstrap", "datasets", "help"]) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s`, "m"));
      const page = await runCli(["help", command]);
      expect(page.code, command).toBe(0);
      expect(page.stdout, command).toMatch(/Exit codes/);
    }
    expect(run.stdout).toMatch(/^\s+0\s+success/m);
    expect(run.stdout).toMatch(/^\s+1\s+the data or the model/m);
    expect(run.stdout).toMatch(/^\s+2\s+the command line/m);
    const fitPage = await runCli(["help", "fit"]);
    for (const flag of ["--family", "--link", "--nagq", "--fast", "--weights", "--offset"]) {
      expect(fitPage.stdout).toContain(flag);
    }
  });
});
