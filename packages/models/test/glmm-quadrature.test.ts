import { cbpp } from "@mixedmodels/datasets";
import { gaussHermite } from "@mixedmodels/distributions";
import type { Family } from "@mixedmodels/families";
import { describe, expect, it } from "vitest";
import { GeneralizedLinearMixedModel } from "../src/generalized-linear-mixed-model";

// The AGQ deviance writes the unit deviance of the canonical logit-binomial and log-Poisson
// pairs in η (glmm-quadrature.ts); it must agree with the family's own unit deviance of the
// inverse link, which a family under another name (no kernel) takes.

const incidence = cbpp.columns.incidence as { values: Float64Array };
const data = {
  ...cbpp,
  names: [...cbpp.names, "any"],
  columns: {
    ...cbpp.columns,
    any: { kind: "numeric" as const, values: incidence.values.map((v) => (v > 0 ? 1 : 0)) },
  },
};

const cases = [
  {
    name: "binomial proportions",
    formula: "incidence / size ~ 1 + period + (1 | herd)",
    options: { family: "binomial", weights: "size" },
  },
  { name: "Bernoulli", formula: "any ~ 1 + period + (1 | herd)", options: { family: "bernoulli" } },
  {
    name: "Poisson",
    formula: "incidence ~ 1 + period + (1 | herd)",
    options: { family: "poisson" },
  },
];

function bothWays(model: GeneralizedLinearMixedModel, nodes: number): [number, number] {
  const rule = gaussHermite(nodes);
  const scratch = new Float64Array(3 * model.parts.reterms[0].levels.length);
  const kernel = model.evaluator.adaptiveGaussHermite(rule.nodes, rule.weights, scratch);
  const response = model.response as { family: Family };
  const family = response.family;
  const generic = `${family.name} (generic)` as unknown as Family["name"];
  response.family = { ...family, name: generic };
  try {
    return [kernel, model.evaluator.adaptiveGaussHermite(rule.nodes, rule.weights, scratch)];
  } finally {
    response.family = family;
  }
}

describe("adaptive Gauss–Hermite deviance in η", () => {
  for (const { name, formula, options } of cases) {
    it(`equals the family's unit deviance of the inverse link (${name})`, () => {
      const model = GeneralizedLinearMixedModel.fromFormula(formula, data, options);
      for (const theta of [0.3, 1, 2.5]) {
        (model as unknown as { system: { setTheta(t: number[]): void } }).system.setTheta([theta]);
        model.evaluator.pirls(false);
        for (const nodes of [2, 9, 25]) {
          const [kernel, generic] = bothWays(model, nodes);
          expect(Number.isFinite(kernel)).toBe(true);
          expect(Math.abs(kernel - generic)).toBeLessThan(1e-11 * Math.abs(generic));
        }
      }
    });
  }

  it("follows a response changed in place (refit with a new response)", () => {
    const model = GeneralizedLinearMixedModel.fromFormula(cases[0].formula, data, cases[0].options);
    model.evaluator.pirls(false);
    const [before] = bothWays(model, 9);
    model.response.y.set(model.response.y.map((v) => 1 - v));
    model.evaluator.pirls(false);
    const [kernel, generic] = bothWays(model, 9);
    expect(Math.abs(kernel - generic)).toBeLessThan(1e-11 * Math.abs(generic));
    expect(kernel).not.toBe(before);
  });
});
