import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

interface OptionFit {
  id: string;
  args: string[];
  dataset: string;
  formula: string;
  reml: boolean;
  nobs: number;
  objective: number;
  sigma: number;
  fixef: { names: string[]; beta: number[]; stderror: number[]; z: number[]; p: number[] };
  varcorr: Record<string, { group: string; names: string[]; sd: number[] }>;
}

const directory = join(import.meta.dirname, "../test/fixtures/cli-options");
const fits = JSON.parse(readFileSync(join(directory, "fits.json"), "utf8")) as OptionFit[];

/** R's p-value where it is representable; ours may underflow to 0 only where R's does too. */
function expectPValue(ours: number | null, theirs: number): void {
  expect(ours).not.toBeNull();
  if (theirs < 1e-300) {
    expect(ours as number).toBeLessThan(1e-290);
    return;
  }
  expect(Math.abs(Math.log(ours as number) - Math.log(theirs))).toBeLessThan(
    2e-2 * Math.abs(Math.log(theirs)) + 1e-3,
  );
}

describe("--weights, --offset, --contrasts, --reference and --levels against lmer", () => {
  for (const reference of fits) {
    it(`${reference.id}: ${reference.args.join(" ")}`, async () => {
      const source = reference.dataset === "cake" ? "cake" : join(directory, reference.dataset);
      const run = await runCli([
        "fit",
        source,
        "-f",
        reference.formula,
        ...reference.args,
        "--json",
      ]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const output = JSON.parse(run.stdout) as FitJsonOutput;
      expect(output.reml).toBe(reference.reml);
      expect(output.nobs).toBe(reference.nobs);
      expect(output.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-6));
      expect(output.objective).toBeGreaterThan(reference.objective * (1 - 1e-6));
      expect(Math.abs((output.sigma as number) / reference.sigma - 1)).toBeLessThan(2e-3);
      expect(output.fixef.names).toEqual(reference.fixef.names);
      reference.fixef.beta.forEach((beta, i) => {
        const se = reference.fixef.stderror[i];
        expect(Math.abs(output.fixef.estimates[i] - beta)).toBeLessThanOrEqual(2e-3 * se);
        expect(Math.abs((output.fixef.stderror[i] as number) / se - 1)).toBeLessThan(2e-3);
        const z = reference.fixef.z[i];
        expect(Math.abs((output.fixef.z[i] as number) - z)).toBeLessThan(5e-3 * Math.abs(z) + 3e-3);
        expectPValue(output.fixef.p[i], reference.fixef.p[i]);
        expect(output.fixef.aliased[i]).toBe(false);
      });
      for (const group of Object.values(reference.varcorr)) {
        const ours = output.varcorr.find((entry) => entry.group === group.group);
        expect(ours?.names).toEqual(group.names);
        group.sd.forEach((sd, i) => {
          const tolerance = 5e-3 * sd + 2e-3 * reference.sigma;
          expect(Math.abs((ours?.sd[i] as number) - sd)).toBeLessThanOrEqual(tolerance);
        });
      }
    }, 60_000);
  }

  it("rejects a reference level the column does not have, naming both", async () => {
    const run = await runCli([
      "fit",
      "cake",
      "-f",
      "angle ~ 1 + recipe + (1|replicate)",
      "--reference",
      "recipe=Z",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("recipe");
    expect(run.stderr).toContain("'Z'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("rejects an unknown contrast coding and a malformed column=value as usage errors", async () => {
    const coding = await runCli([
      "fit",
      "cake",
      "-f",
      "angle ~ 1 + recipe + (1|replicate)",
      "--contrasts",
      "recipe=polynomial",
    ]);
    expect(coding.code).toBe(2);
    expect(coding.stderr).toContain("treatment, sum, effects, helmert, seqdiff");
    const malformed = await runCli([
      "fit",
      "cake",
      "-f",
      "angle ~ 1 + (1|replicate)",
      "--levels",
      "recipe",
    ]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("column=value");
  });

  it("marks an aliased coefficient and gives null for its standard error, z and p", async () => {
    const run = await runCli([
      "fit",
      "sleepstudy",
      "-f",
      "Reaction ~ 1 + Days + I(2 * Days) + (1|Subject)",
      "--json",
    ]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout) as FitJsonOutput;
    expect(output.fixef.aliased).toEqual([false, false, true]);
    expect(output.fixef.stderror[2]).toBeNull();
    expect(output.fixef.z[2]).toBeNull();
    expect(output.fixef.p[2]).toBeNull();
    expect(output.warnings.map((warning) => warning.code)).toContain("rank-deficient");
  });
});
