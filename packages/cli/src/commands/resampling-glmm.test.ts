import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.test-helper";

// predict, simulate and bootstrap with fit's generalized-model flags (issue 13).
const cbpp = [
  "cbpp",
  "-f",
  "incidence / size ~ 1 + period + (1 | herd)",
  "--family",
  "binomial",
  "--weights",
  "size",
];
/** lme4 1.1-31's link-scale predictions (packages/predict/test/fixtures/cbpp_predict.json). */
const lme4Link = [-0.808713427979033, -2.58055312707044, -3.50869127728536, -1.39834286447115];
const newRows = "period,herd\n1,1\n2,5\n4,15\n1,99\n";

describe("mixedmodels predict, simulate, bootstrap for a generalized model", () => {
  it("predict --family binomial --type link: lme4's predictions (our optimum is glmer's within 2e-3)", async () => {
    const run = await runCli(
      [
        "predict",
        ...cbpp,
        "--newdata",
        "-",
        "--new-levels",
        "population",
        "--type",
        "link",
        "--json",
      ],
      newRows,
    );
    expect(run.code).toBe(0);
    const { predictions } = JSON.parse(run.stdout) as { predictions: number[] };
    predictions.forEach((value, i) => {
      expect(Math.abs(value / lme4Link[i] - 1), `row ${i}`).toBeLessThan(2e-3);
    });
    const response = await runCli(
      ["predict", ...cbpp, "--newdata", "-", "--new-levels", "population", "--json"],
      newRows,
    );
    const probabilities = (JSON.parse(response.stdout) as { predictions: number[] }).predictions;
    expect(probabilities[3]).toBeCloseTo(1 / (1 + Math.exp(-predictions[3])), 12);
  });

  it("simulate --family binomial: proportions of the herd sizes; --trials on new data", async () => {
    const run = await runCli(["simulate", ...cbpp, "--seed", "3", "--nsim", "2", "--json"]);
    expect(run.code).toBe(0);
    const { responses } = JSON.parse(run.stdout) as { responses: number[][] };
    expect(responses).toHaveLength(2);
    expect(responses[0]).toHaveLength(56);
    expect(responses[0].every((y) => y >= 0 && y <= 1)).toBe(true);
    const onNew = await runCli(
      ["simulate", ...cbpp, "--seed", "3", "--newdata", "-", "--trials", "n", "--json"],
      "period,herd,n\n1,1,20\n2,new,10\n",
    );
    expect(onNew.code).toBe(0);
    const [y] = (JSON.parse(onNew.stdout) as { responses: number[][] }).responses;
    expect(Number.isInteger(y[0] * 20) && Number.isInteger(y[1] * 10)).toBe(true);
    const noTrials = await runCli(
      ["simulate", ...cbpp, "--seed", "3", "--newdata", "-"],
      "period,herd\n1,1\n",
    );
    expect(noTrials.code).toBe(1);
    expect(noTrials.stderr).toMatch(/trials/);
  });

  it("bootstrap --family binomial --json: the family recorded, the same for 1 and 2 workers", async () => {
    const one = await runCli(["bootstrap", ...cbpp, "--n", "3", "--seed", "1", "--json"]);
    expect(one.code).toBe(0);
    const two = await runCli([
      "bootstrap",
      ...cbpp,
      "--n",
      "3",
      "--seed",
      "1",
      "--workers",
      "2",
      "--json",
    ]);
    expect(two.stdout).toBe(one.stdout);
    const boot = JSON.parse(one.stdout) as {
      generalized: { family: string };
      replicates: unknown[];
    };
    expect(boot.generalized.family).toBe("binomial");
    expect(boot.replicates).toHaveLength(3);
  }, 300_000);
});
