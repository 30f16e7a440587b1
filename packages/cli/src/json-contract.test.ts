import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

interface Reference {
  id: string;
  dataset: string;
  formula: string;
  reml: boolean;
  nobs: number;
  objective: number;
  loglik: number;
  aic: number;
  bic: number;
  dof: number;
  sigma: number;
  theta: number[];
  fixef: { names: string[]; beta: number[]; stderror: number[] };
  varcorr: { group: string; names: string[]; sd: number[] }[];
  ngroups: Record<string, number>;
}

const fixtures = join(import.meta.dirname, "../test/fixtures/references");
const references: Reference[] = readdirSync(fixtures)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(join(fixtures, file), "utf8")) as Reference);

const keys = [
  "version",
  "formula",
  "reml",
  "nobs",
  "family",
  "link",
  "nagq",
  "objective",
  "loglik",
  "aic",
  "bic",
  "dof",
  "sigma",
  "theta",
  "fixef",
  "varcorr",
  "ngroups",
  "converged",
  "evaluations",
  "warnings",
];

describe("mixedmodels fit --json on every lme4 reference case", () => {
  for (const reference of references) {
    it(`${reference.id}: ${reference.formula}`, async () => {
      const args = ["fit", reference.dataset, "--formula", reference.formula, "--json"];
      if (reference.reml) args.push("--reml");
      const run = await runCli(args);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const output = JSON.parse(run.stdout) as FitJsonOutput;
      expect(Object.keys(output)).toEqual(keys);
      expect(output.reml).toBe(reference.reml);
      expect(output.nobs).toBe(reference.nobs);
      // A better optimum than lme4's is fine; a worse one must be within 1e-6 relative.
      expect(output.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-6));
      // ...and not far below it either: the references are at tight tolerances.
      const close = (ours: number, theirs: number) => Math.abs(ours - theirs) / Math.abs(theirs);
      expect(close(output.objective, reference.objective)).toBeLessThan(1e-6);
      expect(close(output.loglik, reference.loglik)).toBeLessThan(1e-6);
      expect(close(output.aic, reference.aic)).toBeLessThan(1e-6);
      expect(close(output.bic, reference.bic)).toBeLessThan(1e-6);
      expect(output.dof).toBe(reference.dof);
      // θ in lme4's order (terms by decreasing number of levels, each lower triangle by columns),
      // which the JSON keeps; at the sds' tolerance, θ being σ-relative.
      expect(output.theta.length).toBe(reference.theta.length);
      reference.theta.forEach((theta, index) => {
        const ours = output.theta[index] ?? Number.NaN;
        expect(Math.abs(ours - theta), `θ[${index}]`).toBeLessThanOrEqual(5e-3 * Math.abs(theta) + 2e-3);
      });
      expect(output.sigma).toBeCloseTo(reference.sigma, -Math.log10(reference.sigma * 2e-3));
      expect(output.fixef.names).toEqual(reference.fixef.names);
      reference.fixef.beta.forEach((beta, index) => {
        const se = reference.fixef.stderror[index] ?? 1;
        expect(Math.abs((output.fixef.estimates[index] ?? Number.NaN) - beta)).toBeLessThanOrEqual(
          2e-3 * se,
        );
        expect(Math.abs((output.fixef.stderror[index] ?? Number.NaN) - se)).toBeLessThanOrEqual(
          2e-3 * se,
        );
      });
      for (const group of reference.varcorr) {
        const ours = output.varcorr.find((entry) => entry.group === group.group);
        expect(ours, `group ${group.group}`).toBeDefined();
        expect(ours?.names).toEqual(group.names);
        group.sd.forEach((sd, index) => {
          const tolerance = 5e-3 * sd + 2e-3 * reference.sigma;
          expect(Math.abs((ours?.sd[index] ?? Number.NaN) - sd)).toBeLessThanOrEqual(tolerance);
        });
      }
      expect(output.ngroups).toEqual(reference.ngroups);
      expect(output.converged).toBe(true);
      expect(output.evaluations).toBeGreaterThan(0);
      expect(output.version).toBe(3);
      expect([output.family, output.link, output.nagq]).toEqual(["gaussian", "identity", null]);
      expect(output.warnings.every((warning) => typeof warning.code === "string")).toBe(true);
      reference.fixef.beta.forEach((beta, index) => {
        // Wald z of lme4's estimate and standard error.
        const z = beta / (reference.fixef.stderror[index] ?? 1);
        expect(Math.abs((output.fixef.z[index] ?? Number.NaN) - z)).toBeLessThan(
          5e-3 * Math.abs(z) + 3e-3,
        );
      });
    }, 120_000);
  }
});
