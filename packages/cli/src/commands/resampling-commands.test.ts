import { describe, expect, it } from "vitest";
import { runCli } from "../cli-harness.test-helper";

const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

describe("mixedmodels predict, simulate, bootstrap", () => {
  it("predict --csv: the data with a prediction column, lme4's values for known subjects", async () => {
    const run = await runCli(["predict", "sleepstudy", "-f", formula, "--csv"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toBe("Reaction,Days,Subject,prediction");
    expect(lines).toHaveLength(181);
    // lme4's prediction for Subject 308 at Days 0 (packages/predict/test/fixtures).
    expect(Number(lines[1].split(",")[3])).toBeCloseTo(254.220893868152, 3);
  });

  it("predict names unseen levels with exit code 1 and takes --new-levels", async () => {
    const failed = await runCli(
      ["predict", "sleepstudy", "-f", formula, "--newdata", "-"],
      "Days,Subject\n3,new1\n",
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/'Subject'.*'new1'/);
    const ok = await runCli(
      [
        "predict",
        "sleepstudy",
        "-f",
        formula,
        "--newdata",
        "-",
        "--new-levels",
        "population",
        "--json",
      ],
      "Days,Subject\n3,new1\n",
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).predictions[0]).toBeCloseTo(282.806962727273, 3);
  });

  it("simulate prints sim_ columns, the same for the same seed", async () => {
    const args = ["simulate", "sleepstudy", "-f", formula, "--seed", "42", "--nsim", "2"];
    const first = await runCli(args);
    const second = await runCli(args);
    expect(first.code).toBe(0);
    expect(first.stdout.split("\n")[0]).toBe("sim_1,sim_2");
    expect(first.stdout).toBe(second.stdout);
    expect((await runCli(["simulate", "sleepstudy", "-f", formula])).code).toBe(2);
  });

  it("bootstrap --json is the same for 1 and 2 workers; the text lists intervals", async () => {
    const args = ["bootstrap", "sleepstudy", "-f", formula, "--n", "6", "--seed", "42"];
    const one = await runCli([...args, "--json"]);
    const two = await runCli([...args, "--json", "--workers", "2"]);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    expect(JSON.parse(one.stdout).replicates).toHaveLength(6);
    const text = await runCli(args);
    expect(text.stdout).toMatch(/sd_\(Intercept\)\|Subject\s+\[/);
    const csv = await runCli([...args, "--csv"]);
    expect(csv.stdout.split("\n")[0]).toMatch(/^replicate,objective,sigma,\(Intercept\),Days,se_/);
    expect((await runCli([...args, "--workers", "0"])).code).toBe(2);
  });
});
