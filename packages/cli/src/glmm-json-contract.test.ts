import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type datasetNames, loadDataset } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-harness.test-helper";
import type { FitJsonOutput } from "./summary-json";

// Every glmer reference case (test/fixtures/glmm, copied from shared/references/glmm) through
// `mixedmodels fit --json`, within the reference set's tolerances: -2 log L within 1e-6 relative
// (or 1e-4 absolute) or lower; β within 1e-2 SE; SEs and random-effect sds within 1e-2 relative.

interface GlmmReference {
  id: string;
  dataset: string;
  formula: string;
  family: string;
  nAGQ: number;
  weights: string;
  nobs: number;
  deviance_laplace: number;
  dof: number;
  aic: number;
  bic: number;
  fixef: { names: string[]; beta: number[]; stderror: number[] };
  varcorr: { group: string; names: string[]; sd: number[]; corr: number[][] | null }[];
  ngroups: Record<string, number>;
}

const fixtures = join(import.meta.dirname, "../test/fixtures/glmm");
const load = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), "utf8")) as T;
const cases = readFileSync(join(fixtures, "cases.tsv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split("\t")[0]);
/** glmer's default PIRLS tolerance stops cbpp short; its SEs come from the tight fit (README). */
const cbppTight = load<{ fixef: { stderror: number[] } }>("cbpp_binomial_tight.json");

/** `binomial(link = "cloglog")` → ["binomial", "cloglog"]. */
function familyAndLink(text: string): [string, string | undefined] {
  const match = /^(\w+)(?:\(link = "([^"]+)"\))?$/.exec(text);
  if (match === null) throw new Error(`unexpected family ${text}`);
  return [match[1], match[2]];
}

function numericColumn(dataset: string, name: string): Float64Array {
  const column = loadDataset(dataset as (typeof datasetNames)[number]).columns[name];
  if (column?.kind !== "numeric") throw new Error(`${dataset}.${name} is not numeric`);
  return column.values;
}

function logFactorial(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i++) sum += Math.log(i);
  return sum;
}

const xlogx = (x: number) => (x === 0 ? 0 : x * Math.log(x));

/**
 * −2 log L − Σ deviance residuals², computed from the data alone: what separates glmer's
 * −2 logLik from MixedModels.jl's objective at nAGQ = 1. Bernoulli: 0. Poisson:
 * 2Σ(y − y log y + log y!). Binomial with n trials, s successes: −2Σ(log C(n, s) + s log(s/n) +
 * (n − s) log((n − s)/n)).
 */
function saturatedTerms(reference: GlmmReference): number {
  const [family] = familyAndLink(reference.family);
  if (family === "poisson") {
    const response = reference.formula.split("~")[0].trim();
    const y = numericColumn(reference.dataset, response);
    let sum = 0;
    for (const value of y) sum += 2 * (value - xlogx(value) + logFactorial(value));
    return sum;
  }
  if (reference.weights === "") return 0;
  const s = numericColumn(reference.dataset, "incidence");
  const n = numericColumn(reference.dataset, reference.weights);
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const logChoose = logFactorial(n[i]) - logFactorial(s[i]) - logFactorial(n[i] - s[i]);
    sum -= 2 * (logChoose + xlogx(s[i]) + xlogx(n[i] - s[i]) - xlogx(n[i]));
  }
  return sum;
}

function expectDeviance(actual: number, reference: number, what: string): void {
  const slack = Math.max(1e-6 * Math.abs(reference), 1e-4);
  expect(actual, what).toBeLessThanOrEqual(reference + slack);
  // Lower is a better optimum, not a different model: a few 1e-4 at most here.
  expect(actual, what).toBeGreaterThan(reference - 1e-2);
}

describe("mixedmodels fit --family … --json on every glmer reference case", () => {
  for (const id of cases) {
    it(id, async () => {
      const reference = load<GlmmReference>(`${id}.json`);
      const [family, link] = familyAndLink(reference.family);
      const args = [
        "fit",
        reference.dataset,
        "-f",
        reference.formula,
        "--family",
        family,
        "--json",
      ];
      if (link !== undefined) args.push("--link", link);
      if (reference.weights !== "") args.push("--weights", reference.weights);
      if (reference.nAGQ !== 1) args.push("--nagq", String(reference.nAGQ));
      const run = await runCli(args);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const output = JSON.parse(run.stdout) as FitJsonOutput;
      const binomialWithoutTrials = family === "binomial" && reference.weights === "";
      expect(output.family).toBe(binomialWithoutTrials ? "bernoulli" : family);
      expect(output.link).toBe(link ?? (family === "poisson" ? "log" : "logit"));
      expect(output.nagq).toBe(reference.nAGQ);
      expect(output.sigma).toBeNull();
      expect(output.reml).toBe(false);
      expect(output.version).toBe(3);
      expect(output.nobs).toBe(reference.nobs);
      expect(output.dof).toBe(reference.dof);
      expect(output.converged).toBe(true);
      if (reference.nAGQ === 1) {
        expectDeviance(-2 * output.loglik, reference.deviance_laplace, "-2 loglik");
        expectDeviance(output.aic, reference.aic, "aic");
        expectDeviance(output.bic, reference.bic, "bic");
        // The objective is the deviance without the saturated terms, computed here from the data.
        expectDeviance(
          output.objective + saturatedTerms(reference),
          reference.deviance_laplace,
          "objective",
        );
      } else {
        // glmer's nAGQ > 1 deviance drops the saturated terms: it is the objective itself.
        expectDeviance(output.objective, reference.deviance_laplace, "objective");
      }
      expect(output.fixef.names).toEqual(reference.fixef.names);
      const errors = id === "cbpp_binomial" ? cbppTight.fixef.stderror : reference.fixef.stderror;
      reference.fixef.beta.forEach((beta, i) => {
        const se = reference.fixef.stderror[i];
        expect(Math.abs(output.fixef.estimates[i] - beta) / se, `β ${i}`).toBeLessThan(1e-2);
        expect(Math.abs((output.fixef.stderror[i] ?? 0) / errors[i] - 1), `SE ${i}`).toBeLessThan(
          1e-2,
        );
        // Wald z and its two-sided normal p, from the JSON's own estimate and SE.
        const z = output.fixef.estimates[i] / (output.fixef.stderror[i] ?? 1);
        expect(Math.abs((output.fixef.z[i] ?? Number.NaN) - z)).toBeLessThan(
          1e-9 * Math.abs(z) + 1e-12,
        );
      });
      for (const expected of reference.varcorr) {
        const group = output.varcorr.find((entry) => entry.group === expected.group);
        expect(group, expected.group).toBeDefined();
        expected.sd.forEach((sd, i) => {
          expect(Math.abs((group?.sd[i] ?? 0) / sd - 1), `sd ${expected.group}`).toBeLessThan(1e-2);
        });
        if (expected.corr !== null) {
          expect(Math.abs((group?.corr?.[1]?.[0] ?? 0) - expected.corr[1][0])).toBeLessThan(1e-2);
        }
      }
      expect(output.varcorr.some((entry) => entry.group === "Residual")).toBe(false);
      expect(output.ngroups).toEqual(reference.ngroups);
    }, 900_000);
  }
});
