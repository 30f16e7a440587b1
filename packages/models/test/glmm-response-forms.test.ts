import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DataTable } from "@mixedmodels/core";
import { cbpp, grouseticks, sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { GeneralizedLinearMixedModel } from "../src/generalized-linear-mixed-model";
import { LinearMixedModel } from "../src/linear-mixed-model";

// The binomial response forms glmer accepts besides a proportion with weights, against glmer
// (fixtures/glmm/make-response-forms.R): cbind(successes, failures) on cbpp, and a two-level
// factor and a logical response on grouseticks (infested = TICKS > 0, first level the failure).
interface FormReference {
  readonly formula: string;
  readonly minus2loglik: number;
  readonly theta: number;
  readonly fixef: { names: string[]; beta: number[]; stderror: number[] };
}
const references = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "glmm", "response-forms.json"), "utf8"),
) as Record<"cbpp_cbind" | "grouseticks_factor" | "grouseticks_logical", FormReference>;

function check(model: GeneralizedLinearMixedModel, reference: FormReference): void {
  const minus2loglik = -2 * model.loglikelihood;
  const slack = Math.max(1e-6 * reference.minus2loglik, 1e-4);
  expect(minus2loglik).toBeLessThanOrEqual(reference.minus2loglik + slack);
  expect(minus2loglik).toBeGreaterThan(reference.minus2loglik - 1e-2);
  expect(model.coefnames()).toEqual(reference.fixef.names);
  const beta = model.coef();
  const errors = model.stderror();
  reference.fixef.beta.forEach((value, i) => {
    const se = reference.fixef.stderror[i];
    expect(Math.abs(beta[i] - value) / se, `β ${i}`).toBeLessThan(1e-2);
    expect(Math.abs(errors[i] / se - 1), `SE ${i}`).toBeLessThan(1e-2);
  });
  expect(Math.abs(model.theta[0] / reference.theta - 1)).toBeLessThan(1e-2);
}

/** grouseticks with `infested` (TICKS > 0) as a factor (none, some) and as booleans. */
function infestedTable(): DataTable {
  const ticks = grouseticks.columns.TICKS;
  if (ticks.kind !== "numeric") throw new Error("grouseticks");
  const codes = Int32Array.from(ticks.values, (value) => (value > 0 ? 1 : 0));
  return {
    ...grouseticks,
    names: [...grouseticks.names, "infested"],
    columns: {
      ...grouseticks.columns,
      infested: { kind: "categorical", levels: ["none", "some"], codes },
    },
  };
}

describe("binomial response forms, against glmer", () => {
  it("cbind(successes, failures) is the proportion with the trials as weights", () => {
    const reference = references.cbpp_cbind;
    const model = GeneralizedLinearMixedModel.fromFormula(reference.formula, cbpp, {
      family: "binomial",
    }).fit({ optimizer: bobyqa() });
    expect(model.familyName).toBe("binomial");
    check(model, reference);
    const proportion = GeneralizedLinearMixedModel.fromFormula(
      "incidence / size ~ 1 + period + (1 | herd)",
      cbpp,
      { family: "binomial", weights: "size" },
    ).fit({ optimizer: bobyqa() });
    expect(Math.abs(proportion.objective - model.objective)).toBeLessThan(1e-8);
  }, 60_000);

  it("a two-level factor response is 0/1 with the first level the failure", () => {
    const reference = references.grouseticks_factor;
    const model = GeneralizedLinearMixedModel.fromFormula(reference.formula, infestedTable(), {
      family: "binomial",
    }).fit({ optimizer: bobyqa() });
    expect(model.familyName).toBe("bernoulli");
    check(model, reference);
  }, 60_000);

  it("a boolean response is 0/1 with FALSE the failure", () => {
    const reference = references.grouseticks_logical;
    const ticks = grouseticks.columns.TICKS;
    if (ticks.kind !== "numeric") throw new Error("grouseticks");
    const rows = Array.from({ length: ticks.values.length }, (_, t) => {
      const row: Record<string, string | number | boolean> = {};
      for (const name of ["YEAR", "BROOD"]) {
        const column = grouseticks.columns[name];
        if (column.kind === "categorical") row[name] = column.levels[column.codes[t]];
      }
      const height = grouseticks.columns.cHEIGHT;
      if (height.kind === "numeric") row.cHEIGHT = height.values[t];
      row.infestedLogical = ticks.values[t] > 0;
      return row;
    });
    const model = GeneralizedLinearMixedModel.fromFormula(reference.formula, rows, {
      family: "bernoulli",
      levels: { YEAR: ["95", "96", "97"] },
    }).fit({ optimizer: bobyqa() });
    check(model, reference);
  }, 60_000);

  it("the model parts' warnings are the model's (a response also on the right-hand side)", () => {
    const linear = LinearMixedModel.fromFormula(
      "Reaction ~ 1 + Reaction + Days + (1 | Subject)",
      sleepstudy,
    );
    const code = (model: { warnings: { code: string }[] }) => model.warnings.map((w) => w.code);
    expect(linear.parts.warnings?.length).toBeGreaterThan(0);
    const partsCodes = (linear.parts.warnings ?? []).map((w) => w.code);
    for (const c of partsCodes) expect(code(linear)).toContain(c);
    linear.fit({ optimizer: bobyqa() });
    for (const c of partsCodes) expect(code(linear)).toContain(c);
    const generalized = GeneralizedLinearMixedModel.fromFormula(
      "incidence ~ 1 + incidence + period + (1 | herd)",
      cbpp,
      { family: "poisson" },
    );
    for (const c of partsCodes) expect(code(generalized)).toContain(c);
    generalized.fit({ optimizer: bobyqa() });
    for (const c of partsCodes) expect(code(generalized)).toContain(c);
  }, 60_000);
});
