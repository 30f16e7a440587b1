import { FitAbortedError, ModelError } from "@mixedmodels/core";
import { dyestuff2, penicillin, sleepstudy } from "@mixedmodels/datasets";
import { normalSurvival } from "@mixedmodels/distributions";
import { bobyqa, nelderMead } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { expectWithin } from "./helpers/compare";
import { type DenseDesign, denseDesign, penalizedGram } from "./helpers/dense-reference";

/** Inverse of a small SPD matrix by Gauss–Jordan (test reference only). */
function inverse(a: Float64Array, m: number): Float64Array {
  const work = Float64Array.from(a);
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i + i * m] = 1;
  for (let col = 0; col < m; col++) {
    const pivot = work[col + col * m];
    for (let j = 0; j < m; j++) {
      work[col + j * m] /= pivot;
      out[col + j * m] /= pivot;
    }
    for (let row = 0; row < m; row++) {
      if (row === col) continue;
      const factor = work[row + col * m];
      if (factor === 0) continue;
      for (let j = 0; j < m; j++) {
        work[row + j * m] -= factor * work[col + j * m];
        out[row + j * m] -= factor * out[col + j * m];
      }
    }
  }
  return out;
}

/** (WᵀW + I on the random-effects part)⁻¹. */
function penalizedInverse(design: DenseDesign): Float64Array {
  const m = design.q + design.p;
  return inverse(penalizedGram(design, m, design.q), m);
}

const cases: [string, () => LinearMixedModel][] = [
  [
    "sleepstudy (1 + Days | Subject)",
    () =>
      LinearMixedModel.fromFormula("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy).fit({
        optimizer: bobyqa(),
      }),
  ],
  [
    "penicillin, crossed (filled-in block)",
    () =>
      LinearMixedModel.fromFormula("diameter ~ 1 + (1 | plate) + (1 | sample)", penicillin).fit({
        optimizer: bobyqa(),
      }),
  ],
];

describe.each(cases)("accessors agree with dense computations: %s", (_, build) => {
  const model = build();

  it("leverage is the diagonal of the hat matrix and sums to within [p, p + q]", () => {
    const design = denseDesign(model);
    const { w, n, q, p } = design;
    const m = q + p;
    const inv = penalizedInverse(design);
    const leverage = model.leverage();
    let total = 0;
    for (let t = 0; t < n; t++) {
      let h = 0;
      for (let a = 0; a < m; a++) {
        for (let b = 0; b < m; b++) h += w[t + a * n] * inv[a + b * m] * w[t + b * n];
      }
      expectWithin(leverage[t], h, 1e-8, 1e-12, `leverage ${t}`);
      total += leverage[t];
    }
    expect(total).toBeGreaterThanOrEqual(p);
    expect(total).toBeLessThanOrEqual(p + q);
  });

  it("condVar is σ²Λ(ΛᵀZᵀZΛ + I)⁻¹Λᵀ per level", () => {
    const design = denseDesign(model);
    const { q } = design;
    // Only the random-effects part: inverse of (ΛᵀZᵀZΛ + I).
    const zz = penalizedGram(design, q, q);
    const inv = inverse(zz, q);
    const sigma2 = model.sigma ** 2;
    const theta = model.theta;
    let thetaIndex = 0;
    let offset = 0;
    model.condVar().forEach((table, j) => {
      const term = model.parts.reterms[j];
      const s = term.s;
      const lambda = new Float64Array(s * s);
      for (let i = 0; i < term.thetaRows.length; i++) {
        lambda[term.thetaRows[i] + term.thetaCols[i] * s] = theta[thetaIndex++];
      }
      for (let level = 0; level < table.levels.length; level++) {
        for (let c = 0; c < s; c++) {
          for (let r = 0; r < s; r++) {
            let sum = 0;
            for (let a = 0; a < s; a++) {
              for (let b = 0; b < s; b++) {
                const ia = offset + level * s + a;
                const ib = offset + level * s + b;
                sum += lambda[r + a * s] * inv[ia + ib * q] * lambda[c + b * s];
              }
            }
            expectWithin(
              table.values[level * s * s + r + c * s],
              sigma2 * sum,
              1e-8,
              1e-10,
              "condVar",
            );
          }
        }
      }
      offset += table.levels.length * s;
    });
  });

  it("fitted + residuals = y, and vcov's diagonal gives the standard errors", () => {
    const fitted = model.fitted();
    const residuals = model.residuals();
    model.parts.y.forEach((y, t) => {
      expectWithin(fitted[t] + residuals[t], y, 1e-12, 1e-9, "y");
    });
    const m = model.coefnames().length;
    const vcov = model.vcov();
    model.stderror().forEach((se, i) => {
      expectWithin(Math.sqrt(vcov[i + i * m]), se, 1e-12, 0, "SE");
    });
    const rows = model.coeftable();
    expect(rows.map((row) => row.name)).toEqual(model.coefnames());
    for (const row of rows) {
      expectWithin(row.z, row.estimate / row.stderror, 1e-12, 0, "z");
      expectWithin(row.p, 2 * normalSurvival(Math.abs(row.z)), 1e-12, 0, "p");
    }
  });
});

describe("edge cases", () => {
  it("dyestuff2 hits the boundary: θ exactly 0, flagged singular with a warning", () => {
    const model = LinearMixedModel.fromFormula("Yield ~ 1 + (1 | Batch)", dyestuff2).fit({
      optimizer: bobyqa(),
    });
    expect(model.theta[0]).toBe(0);
    expect(model.isSingular()).toBe(true);
    expect(model.warnings.map((w) => w.code)).toContain("singular");
    expect(model.varCorr().groups[0].sd[0]).toBe(0);
    expectWithin(model.objective, 162.873036653826, 1e-9, 0, "objective");
  });

  it("a rank-deficient X gives -0 and NaN for the aliased coefficient and a warning", () => {
    const data = {
      y: [1, 3, 2, 5, 4, 6, 8, 7, 9, 12, 10, 11],
      x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      x2: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24],
      g: ["a", "a", "a", "b", "b", "b", "c", "c", "c", "d", "d", "d"],
    };
    const model = LinearMixedModel.fromFormula("y ~ 1 + x + x2 + (1 | g)", data).fit({
      optimizer: bobyqa(),
    });
    expect(model.coefnames()).toEqual(["(Intercept)", "x", "x2"]);
    // Which of x and x2 is dropped is the rank check's choice; exactly one is.
    expect(model.parts.X.aliased.length).toBe(1);
    const dropped = model.coefnames().indexOf(model.parts.X.aliased[0]);
    expect(dropped).toBeGreaterThan(0);
    expect(Object.is(model.coef()[dropped], -0)).toBe(true);
    expect(model.stderror()[dropped]).toBeNaN();
    expect(model.fixef().length).toBe(2);
    expect(model.warnings.map((w) => w.code)).toContain("rank-deficient");
    expect(model.summary().fixef.aliased).toEqual([0, 1, 2].map((i) => i === dropped));
    // The fitted values do not depend on which column was kept.
    const slope = model.coef()[3 - dropped];
    const perUnitX = dropped === 2 ? slope : 2 * slope;
    const fullRank = LinearMixedModel.fromFormula("y ~ 1 + x + (1 | g)", data).fit({
      optimizer: bobyqa(),
    });
    expectWithin(perUnitX, fullRank.coef()[1], 1e-6, 1e-9, "slope per unit of x");
    expectWithin(model.objective, fullRank.objective, 1e-10, 0, "objective");
  });

  it("describes the storage of L as MixedModels.jl's BlockDescription", () => {
    const crossed = LinearMixedModel.fromFormula(
      "diameter ~ 1 + (1 | plate) + (1 | sample)",
      penicillin,
    );
    expect(crossed.blockDescription()).toEqual({
      rows: [
        { name: "plate", size: 24 },
        { name: "sample", size: 6 },
        { name: "fixed", size: 2 },
      ],
      blocks: [["Diagonal"], ["Dense", "Dense"], ["Dense", "Dense", "Dense"]],
      // Sample's 6×6 block fills in; far too small for the sparse factorization to pay.
      factorization: [
        {
          name: "plate",
          storage: "diagonal",
          denseFlops: 0,
          sparseFlops: null,
          fillFraction: null,
        },
        { name: "sample", storage: "dense", denseFlops: 91, sparseFlops: null, fillFraction: null },
      ],
    });
    const vector = LinearMixedModel.fromFormula(
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      sleepstudy,
    );
    expect(vector.blockDescription().blocks).toEqual([["BlkDiag"], ["Dense", "Dense"]]);
  });

  it("sleepstudy's zerocorr, || and split forms give the same fit", () => {
    const forms = [
      "Reaction ~ 1 + Days + (1 | Subject) + (0 + Days | Subject)",
      "Reaction ~ 1 + Days + (1 + Days || Subject)",
      "Reaction ~ 1 + Days + zerocorr(1 + Days | Subject)",
    ];
    const fits = forms.map((f) =>
      LinearMixedModel.fromFormula(f, sleepstudy).fit({ optimizer: bobyqa() }),
    );
    for (const model of fits) {
      expectWithin(model.objective, 1752.00325513988, 1e-9, 0, model.parts.formula.text);
      expect(model.theta.length).toBe(2);
    }
    // lme4 shows the split form as two groups.
    expect(fits[0].varCorr().groups.map((g) => g.group)).toEqual(["Subject", "Subject.1"]);
  });

  it("rejects a constant response and a second fit, and errors on a θ of the wrong length", () => {
    const data = { y: [1, 1, 1, 1, 1, 1], g: ["a", "a", "b", "b", "c", "c"] };
    expect(() =>
      LinearMixedModel.fromFormula("y ~ 1 + (1 | g)", data).fit({ optimizer: bobyqa() }),
    ).toThrow();
    const model = LinearMixedModel.fromFormula("Yield ~ 1 + (1 | Batch)", dyestuff2);
    expect(() => model.objectiveAt([1, 2])).toThrow(ModelError);
    expect(() => model.summary()).toThrow(ModelError);
  });

  it("records the optimizer's status as a warning when it stops early", () => {
    const model = LinearMixedModel.fromFormula(
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      sleepstudy,
    ).fit({ optimizer: bobyqa(), maxEvaluations: 8 });
    expect(model.optsum?.converged).toBe(false);
    expect(model.warnings.map((w) => w.code)).toContain("max-evaluations");
    expect(model.fitLog.length).toBeLessThanOrEqual(9);
  });

  it("stops on the abort signal with a FitAbortedError, and accepts any OptimizerV1", () => {
    const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";
    const controller = new AbortController();
    const aborted = LinearMixedModel.fromFormula(formula, sleepstudy);
    // Issue 16: an aborted fit is an error, not a fitted model with a warning (test/abort.test.ts).
    expect(() =>
      aborted.fit({
        optimizer: bobyqa(),
        signal: controller.signal,
        progress: (evaluation) => {
          if (evaluation === 5) controller.abort();
        },
      }),
    ).toThrow(FitAbortedError);
    expect(aborted.isFitted).toBe(false);
    const simplex = LinearMixedModel.fromFormula(formula, sleepstudy).fit({
      optimizer: nelderMead(),
    });
    expect(simplex.optsum?.optimizer).toBe("nelder-mead");
    expectWithin(simplex.objective, 1751.9393444632, 1e-8, 0, "Nelder–Mead optimum");
  });

  it("rectifies signs and snaps a tiny diagonal θ to zero after the optimizer", () => {
    // An optimizer that evaluates the start, then reports a fixed answer.
    const answering = (answer: number[]) => ({
      specificationVersion: "v1" as const,
      name: "fixed-answer",
      capabilities: { bounds: false, usesGradient: false },
      minimize(objective: { value(theta: Float64Array): number }, start: Float64Array) {
        objective.value(start);
        const theta = Float64Array.from(answer);
        const value = objective.value(theta);
        return { theta, value, evaluations: 2, status: "converged" as const, message: "" };
      },
    });
    const boundary = LinearMixedModel.fromFormula("Yield ~ 1 + (1 | Batch)", dyestuff2).fit({
      optimizer: answering([-5e-4]),
    });
    expect(Object.is(boundary.theta[0], 0)).toBe(true);
    expect(boundary.fitLog.length).toBe(3); // start, answer, accepted zero
    expect(boundary.isSingular()).toBe(true);

    // Near the boundary, as lme4's isSingular(tol = 1e-4): not only an exact zero.
    const near = LinearMixedModel.fromFormula("Yield ~ 1 + (1 | Batch)", dyestuff2);
    near.setTheta([5e-5]);
    expect(near.isSingular()).toBe(true);
    expect(near.isSingular({ atol: 1e-6 })).toBe(false);
    near.setTheta([2e-4]);
    expect(near.isSingular()).toBe(false);

    const sleep = LinearMixedModel.fromFormula(
      "Reaction ~ 1 + Days + (1 + Days | Subject)",
      sleepstudy,
    ).fit({ optimizer: answering([-0.929225387595172, -0.0181656841314699, 0.222645424073262]) });
    expect(Array.from(sleep.theta)).toEqual([
      0.929225387595172, 0.0181656841314699, 0.222645424073262,
    ]);
    expectWithin(sleep.objective, 1751.9393444632, 1e-10, 0, "objective after rectify");
    expect(sleep.fitLog.length).toBe(2);
  });

  it("answers a trial θ where the factorization fails with the initial objective", () => {
    const model = LinearMixedModel.fromFormula("Yield ~ 1 + (1 | Batch)", dyestuff2);
    const seen: number[] = [];
    const probing = {
      specificationVersion: "v1" as const,
      name: "probe",
      capabilities: { bounds: false, usesGradient: false },
      minimize(objective: { value(theta: Float64Array): number }, start: Float64Array) {
        seen.push(objective.value(start), objective.value(Float64Array.of(Number.NaN)));
        return {
          theta: start,
          value: seen[0],
          evaluations: 2,
          status: "converged" as const,
          message: "",
        };
      },
    };
    model.fit({ optimizer: probing });
    expect(seen[1]).toBe(seen[0]);
    expect(model.optsum?.initialObjective).toBe(seen[0]);
    expect(model.fitLog.map((entry) => entry.objective)).toEqual(seen);
  });

  it("case weights all equal to c leave β, b and the objective unchanged and scale θ by 1/√c", () => {
    const data = {
      Reaction: Array.from(sleepstudyColumn("Reaction")),
      Days: Array.from(sleepstudyColumn("Days")),
      Subject: subjectLabels(),
      w: new Array(180).fill(4),
    };
    const formula = "Reaction ~ 1 + Days + (1 | Subject)";
    const plain = LinearMixedModel.fromFormula(formula, data).fit({ optimizer: bobyqa() });
    const weighted = LinearMixedModel.fromFormula(formula, data, { weights: "w" }).fit({
      optimizer: bobyqa(),
    });
    expectWithin(weighted.objective, plain.objective, 1e-9, 0, "objective");
    expectWithin(weighted.theta[0], plain.theta[0] / 2, 1e-4, 0, "θ");
    plain.fixef().forEach((value, i) => {
      expectWithin(weighted.fixef()[i], value, 1e-6, 0, "β");
    });
    const b = plain.ranef()[0].values;
    weighted.ranef()[0].values.forEach((value, i) => {
      expectWithin(value, b[i], 1e-4, 1e-4, "b");
    });
  });
});

function sleepstudyColumn(name: string): Float64Array {
  const column = sleepstudy.columns[name];
  if (column.kind !== "numeric") throw new Error(`${name} is not numeric`);
  return column.values;
}

function subjectLabels(): string[] {
  const column = sleepstudy.columns.Subject;
  if (column.kind !== "categorical") throw new Error("Subject is not categorical");
  return Array.from(column.codes, (code) => column.levels[code]);
}
