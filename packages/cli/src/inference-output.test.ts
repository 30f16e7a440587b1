import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import { FIT_JSON_VERSION } from "./summary-json";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

// lmerTest 3.1-3 / pbkrtest 0.5.2 on sleepstudy REML (packages/inference/test/fixtures/lmertest):
// Satterthwaite df 17.000005, 16.999999; t 36.838, 6.7715; KR df 17; profile (lme4) Days 7.35865, 13.5759.
describe("fit --ddf and --confint", () => {
  it("--json carries tests (df, t, p) and intervals", async () => {
    const run = await runCli([
      "fit",
      "sleepstudy",
      "-f",
      formula,
      "--reml",
      "--ddf",
      "satterthwaite",
      "--confint",
      "wald",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.tests.method).toBe("satterthwaite");
    expect(json.tests.names).toEqual(["(Intercept)", "Days"]);
    expect(json.tests.df[0]).toBeCloseTo(17.000005, 3);
    expect(json.tests.df[1]).toBeCloseTo(16.999999, 3);
    expect(json.tests.t[1]).toBeCloseTo(6.77148459, 3);
    expect(json.intervals.method).toBe("wald");
    // lme4's confint(method = "Wald"): Days [7.43759531836327, 13.4969766008285]
    expect(json.intervals.lower[1]).toBeCloseTo(7.437595, 4);
    expect(json.intervals.upper[1]).toBeCloseTo(13.496977, 4);
    expect(json.version).toBe(FIT_JSON_VERSION);
  });

  it("the text summary prints the df column, the method, and the profile intervals", async () => {
    const run = await runCli([
      "fit",
      "sleepstudy",
      "-f",
      formula,
      "--reml",
      "--ddf",
      "kenward-roger",
      "--confint",
      "profile",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Days\s+10\.4673\s+1\.54579\s+17\.00\s+6\.77/);
    expect(run.stdout).toContain("Kenward-Roger's method");
    expect(run.stdout).toMatch(/Confidence intervals \(profile, 95%\)/);
    expect(run.stdout).toMatch(/Days\s+7\.3586\d\s+13\.5759/);
  });

  it("bad values and Kenward–Roger without --reml are usage errors (exit 2)", async () => {
    const bad = await runCli(["fit", "sleepstudy", "-f", formula, "--ddf", "kr"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--ddf must be satterthwaite or kenward-roger, not 'kr'");
    const ci = await runCli(["fit", "sleepstudy", "-f", formula, "--confint", "exact"]);
    expect(ci.code).toBe(2);
    const ml = await runCli(["fit", "sleepstudy", "-f", formula, "--ddf", "kenward-roger"]);
    expect(ml.code).toBe(2);
    expect(ml.stderr).toContain("--reml");
  });
});
