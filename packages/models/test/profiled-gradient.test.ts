import { cake, dyestuff2, pastes, penicillin, sleepstudy } from "@mixedmodels/datasets";
import { mulberry32 } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { BlockedGradient } from "../src/blocked-gradient";
import { BlockedSystem } from "../src/blocked-system";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { DenseProfiledGradient } from "../src/profiled-gradient";
import { SingleTermGradient } from "../src/single-term-gradient";

// The analytic gradient of the profiled objective against central finite differences of the
// objective itself (an independent computation: the blocked factor's log-determinants and r²),
// at random θ, for scalar, nested, crossed, correlated-vector and zerocorr terms, ML and REML.

type Table = Parameters<typeof LinearMixedModel.fromFormula>[1];
const cases: [string, string, Table][] = [
  ["penicillin crossed", "diameter ~ 1 + (1|plate) + (1|sample)", penicillin as Table],
  ["pastes nested", "strength ~ 1 + (1|batch/cask)", pastes as Table],
  ["sleepstudy correlated", "Reaction ~ 1 + Days + (1 + Days|Subject)", sleepstudy as Table],
  ["sleepstudy zerocorr", "Reaction ~ 1 + Days + zerocorr(1 + Days|Subject)", sleepstudy as Table],
  ["cake, 3 fixed columns", "angle ~ 1 + recipe + temp + (1|replicate)", cake as Table],
  ["dyestuff2", "Yield ~ 1 + (1|Batch)", dyestuff2 as Table],
];

function objectiveAt(system: BlockedSystem, theta: Float64Array, reml: boolean): number {
  system.setTheta(theta);
  if (!system.updateFactor()) throw new Error("not positive definite");
  return system.objective(reml);
}

describe("DenseProfiledGradient", () => {
  for (const [name, formula, data] of cases) {
    for (const reml of [false, true]) {
      it(`${name}, ${reml ? "REML" : "ML"}: agrees with central differences at random θ`, () => {
        const system = new BlockedSystem(LinearMixedModel.fromFormula(formula, data).parts);
        const gradient = new DenseProfiledGradient(system);
        const random = mulberry32(reml ? 7 : 11);
        const d = system.layout.length;
        const analytic = new Float64Array(d);
        for (let trial = 0; trial < 4; trial++) {
          const theta = new Float64Array(d);
          for (let i = 0; i < d; i++) {
            theta[i] = system.layout.isDiagonal(i) ? 0.1 + 2 * random() : random() - 0.5;
          }
          objectiveAt(system, theta, reml);
          expect(gradient.gradient(reml, analytic)).toBe(true);
          for (let i = 0; i < d; i++) {
            const h = 1e-5 * Math.max(1, Math.abs(theta[i]));
            const plus = Float64Array.from(theta);
            const minus = Float64Array.from(theta);
            plus[i] += h;
            minus[i] -= h;
            const numeric =
              (objectiveAt(system, plus, reml) - objectiveAt(system, minus, reml)) / (2 * h);
            expect(Math.abs(analytic[i] - numeric)).toBeLessThan(
              1e-5 * Math.max(1, Math.abs(numeric)),
            );
          }
          objectiveAt(system, theta, reml);
        }
      });
    }
  }
});

type GradientMethod = { gradient(reml: boolean, out: Float64Array): boolean };

/** At four random θ, `fast` equals the dense gradient to 1e-9 relative. */
function expectAgreesWithDense(
  system: BlockedSystem,
  fast: GradientMethod,
  reml: boolean,
  seed: number,
): void {
  const dense = new DenseProfiledGradient(system);
  const random = mulberry32(seed);
  const d = system.layout.length;
  const expected = new Float64Array(d);
  const actual = new Float64Array(d);
  for (let trial = 0; trial < 4; trial++) {
    const theta = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      theta[i] = system.layout.isDiagonal(i) ? 0.05 + 2 * random() : random() - 0.5;
    }
    objectiveAt(system, theta, reml);
    expect(dense.gradient(reml, expected)).toBe(true);
    expect(fast.gradient(reml, actual)).toBe(true);
    for (let i = 0; i < d; i++) {
      expect(Math.abs(actual[i] - expected[i])).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(expected[i])),
      );
    }
  }
}

describe("SingleTermGradient", () => {
  const single: [string, string, Table][] = [
    ["sleepstudy correlated", "Reaction ~ 1 + Days + (1 + Days|Subject)", sleepstudy as Table],
    [
      "cake, 18 fixed columns",
      "angle ~ recipe * temperature + (1|recipe:replicate)",
      cake as Table,
    ],
    ["dyestuff2", "Yield ~ 1 + (1|Batch)", dyestuff2 as Table],
    ["pastes, one term", "strength ~ 1 + (1|batch:cask)", pastes as Table],
  ];
  for (const [name, formula, data] of single) {
    for (const reml of [false, true]) {
      it(`${name}, ${reml ? "REML" : "ML"}: equals the dense gradient to 1e-9 relative`, () => {
        const system = new BlockedSystem(LinearMixedModel.fromFormula(formula, data).parts);
        expect(SingleTermGradient.applies(system)).toBe(true);
        expectAgreesWithDense(system, new SingleTermGradient(system), reml, reml ? 3 : 5);
      });
    }
  }

  it("does not apply to crossed or nested terms", () => {
    const crossed = new BlockedSystem(
      LinearMixedModel.fromFormula("diameter ~ 1 + (1|plate) + (1|sample)", penicillin as Table)
        .parts,
    );
    expect(SingleTermGradient.applies(crossed)).toBe(false);
  });
});

/** Random crossed levels (every level at least once), as in sparse-factor.prop.test.ts. */
function crossedTable(): Table {
  const random = mulberry32(99);
  const n = 70;
  return {
    y: Array.from({ length: n }, () => 5 * random()),
    x: Array.from({ length: n }, () => 2 * random() - 1),
    a: Array.from({ length: n }, (_, t) => `a${t < 40 ? t : Math.floor(random() * 40)}`),
    b: Array.from({ length: n }, (_, t) => `b${t < 25 ? 24 - t : Math.floor(random() * 25)}`),
  } as Table;
}

describe("BlockedGradient", () => {
  const blocked: [string, string, Table, "auto" | "always"][] = [
    ["penicillin crossed", "diameter ~ 1 + (1|plate) + (1|sample)", penicillin as Table, "auto"],
    ["random crossed, sparse factor", "y ~ 1 + x + (1|a) + (1|b)", crossedTable(), "always"],
    ["pastes nested", "strength ~ 1 + (1|batch/cask)", pastes as Table, "auto"],
    [
      "sleepstudy zerocorr",
      "Reaction ~ 1 + Days + zerocorr(1 + Days|Subject)",
      sleepstudy as Table,
      "auto",
    ],
    [
      "sleepstudy correlated",
      "Reaction ~ 1 + Days + (1 + Days|Subject)",
      sleepstudy as Table,
      "auto",
    ],
    ["cake", "angle ~ recipe * temperature + (1|recipe:replicate)", cake as Table, "auto"],
  ];
  for (const [name, formula, data, sparseFactor] of blocked) {
    for (const reml of [false, true]) {
      it(`${name}, ${reml ? "REML" : "ML"}: equals the dense gradient to 1e-9 relative`, () => {
        const system = new BlockedSystem(LinearMixedModel.fromFormula(formula, data).parts, {
          sparseFactor,
        });
        if (sparseFactor === "always") {
          expect(system.factor.some((block) => block.kind === "sparse-cholesky")).toBe(true);
        }
        expectAgreesWithDense(system, new BlockedGradient(system), reml, reml ? 13 : 17);
      });
    }
  }
});

describe("the fit's gradient callback", () => {
  it("installs a θ it was not last evaluated at, and leaves the objective's record of L true", () => {
    const model = LinearMixedModel.fromFormula(
      "diameter ~ 1 + (1|plate) + (1|sample)",
      penicillin as Table,
    );
    const first = Float64Array.of(1.2, 2.5);
    const second = Float64Array.of(0.7, 3.1);
    const seen: { values: number[]; gradient: Float64Array } = {
      values: [],
      gradient: new Float64Array(2),
    };
    model.fit({
      optimizer: {
        specificationVersion: "v1",
        name: "probe",
        capabilities: { bounds: true, usesGradient: true },
        minimize(objective, start) {
          seen.values.push(objective.value(first));
          objective.gradient?.(second, seen.gradient);
          seen.values.push(objective.value(first));
          return {
            theta: start,
            value: seen.values[0],
            evaluations: 2,
            status: "converged",
            message: "",
          };
        },
      },
    });
    // The same bits for θ₁ before and after L was moved to θ₂ by the gradient.
    expect(Object.is(seen.values[0], seen.values[1])).toBe(true);
    const system = new BlockedSystem(model.parts);
    objectiveAt(system, second, false);
    const expected = new Float64Array(2);
    expect(new DenseProfiledGradient(system).gradient(false, expected)).toBe(true);
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(seen.gradient[i] - expected[i])).toBeLessThan(
        1e-9 * Math.max(1, Math.abs(expected[i])),
      );
    }
  });
});
