import { thrown } from "@mixedmodels/testkit";
import { DataError } from "@mixedmodels/core";
import { sleepstudy } from "@mixedmodels/datasets";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { loadReference } from "./helpers/reference-cases";

// Issue 12, "Numerically exact where users' data are badly scaled": one block per item, each on
// sleepstudy against lme4's reference fit (test/fixtures/sleepstudy_ml.json).

const reference = loadReference("sleepstudy_ml");
const formula = "Reaction ~ 1 + Days + (1 + Days | Subject)";

type Sleep = { Reaction: number[]; Days: number[]; Subject: string[] };

function sleep(): Sleep {
  const columns = sleepstudy.columns;
  const reaction = columns.Reaction;
  const days = columns.Days;
  const subject = columns.Subject;
  if (reaction.kind !== "numeric" || days.kind !== "numeric" || subject.kind !== "categorical") {
    throw new Error("unexpected sleepstudy columns");
  }
  return {
    Reaction: Array.from(reaction.values),
    Days: Array.from(days.values),
    Subject: Array.from(subject.codes, (code) => subject.levels[code]),
  };
}

const fit = (data: Sleep, text = formula) =>
  LinearMixedModel.fromFormula(text, data).fit({ optimizer: bobyqa() });

describe("Rescaled predictors", () => {
  // Before: ×1e6 ended at 1805.50, ×1e-4 at 1761.00, ×1e4 at 1752.23, ×1e12 at 1900.29 with a NaN
  // correlation (lme4 itself ends at 1787.46 for ×1e6).
  for (const factor of [1e-8, 1e-4, 1e4, 1e6, 1e8, 1e12]) {
    it(`Days × ${factor} reaches lme4's optimum 1751.939344 and maps θ and β back`, () => {
      const data = sleep();
      const model = fit({ ...data, Days: data.Days.map((d) => d * factor) });
      expect(model.objective).toBeCloseTo(reference.objective, 6);
      const [t11, t21, t22] = model.theta;
      expect(t11).toBeCloseTo(reference.theta[0], 4);
      expect(t21 * factor).toBeCloseTo(reference.theta[1], 4);
      expect(t22 * factor).toBeCloseTo(reference.theta[2], 4);
      const [b0, b1] = model.fixef();
      expect(b0).toBeCloseTo(reference.fixef.beta[0], 4);
      expect(b1 * factor).toBeCloseTo(reference.fixef.beta[1], 4);
      const [se0, se1] = model.stderror();
      expect(se0).toBeCloseTo(reference.fixef.stderror[0], 3);
      expect(se1 * factor).toBeCloseTo(reference.fixef.stderror[1], 3);
      const [group] = model.varCorr().groups;
      expect(group.sd[0]).toBeCloseTo(reference.varcorr[0].sd[0], 2);
      expect(group.sd[1] * factor).toBeCloseTo(reference.varcorr[0].sd[1], 2);
      const rho = reference.varcorr[0].corr?.[1][0] ?? Number.NaN;
      expect(group.corr?.[1][0] ?? Number.NaN).toBeCloseTo(rho, 3);
    });
  }

  it("a random-effects column rescaled alone (Days × 1e6 in Z only) reaches the optimum", () => {
    const data = sleep();
    const model = fit(
      { ...data, ...{ DaysMicro: data.Days.map((d) => d * 1e6) } } as Sleep,
      "Reaction ~ 1 + Days + (1 + DaysMicro | Subject)",
    );
    expect(model.objective).toBeCloseTo(reference.objective, 6);
    expect(model.theta[2] * 1e6).toBeCloseTo(reference.theta[2], 4);
    expect(model.fixef()[1]).toBeCloseTo(reference.fixef.beta[1], 4);
  });

  it("condVar and ranef come back in the user's units", () => {
    const data = sleep();
    const base = fit(data);
    const model = fit({ ...data, Days: data.Days.map((d) => d * 1e6) });
    const b = base.ranef()[0].values;
    model.ranef()[0].values.forEach((value, i) => {
      expect(value * (i % 2 === 1 ? 1e6 : 1)).toBeCloseTo(b[i], 2);
    });
    const c = base.condVar()[0].values;
    model.condVar()[0].values.forEach((value, i) => {
      const r = i % 2;
      const col = Math.floor(i / 2) % 2;
      expect(value * 1e6 ** (r + col)).toBeCloseTo(c[i], 1);
    });
  });
});

describe("Large offsets in the response or predictors", () => {
  const unshifted = LinearMixedModel.fromFormula(formula, sleep()).objectiveAt(reference.theta);

  // Before: + 1e8 was off by 0.52 at the unshifted optimum θ and the fit reported 1749.43; + 1e9
  // reported 1043.86.
  for (const shift of [1e4, 1e8, 1e9]) {
    it(`Reaction + ${shift}: the objective at θ̂ is unchanged and the fit reaches 1751.939344`, () => {
      const data = sleep();
      const shifted = { ...data, Reaction: data.Reaction.map((r) => r + shift) };
      const model = LinearMixedModel.fromFormula(formula, shifted);
      expect(Math.abs(model.objectiveAt(reference.theta) - unshifted)).toBeLessThanOrEqual(
        1e-9 * unshifted,
      );
      model.fit({ optimizer: bobyqa() });
      expect(model.objective).toBeCloseTo(reference.objective, 6);
      expect(model.fixef()[0] - shift).toBeCloseTo(reference.fixef.beta[0], 3);
      expect(model.fixef()[1]).toBeCloseTo(reference.fixef.beta[1], 4);
      expect(model.sigma).toBeCloseTo(reference.sigma, 3);
      const residuals = model.residuals();
      const base = fit(data).residuals();
      residuals.forEach((value, t) => {
        expect(value).toBeCloseTo(base[t], 2);
      });
    });
  }

  it("Reaction + 1e12 (Reaction on a 2⁻¹⁰ grid, so the shift is exact): same objective at θ̂", () => {
    const data = sleep();
    const grid = { ...data, Reaction: data.Reaction.map((r) => Math.round(r * 1024) / 1024) };
    const base = LinearMixedModel.fromFormula(formula, grid).objectiveAt(reference.theta);
    const shifted = LinearMixedModel.fromFormula(formula, {
      ...grid,
      Reaction: grid.Reaction.map((r) => r + 1e12),
    }).objectiveAt(reference.theta);
    expect(Math.abs(shifted - base)).toBeLessThanOrEqual(1e-9 * base);
  });
});

describe("Large offsets in a predictor", () => {
  const interceptOnly = loadReference("sleepstudy_int_ml");
  const text = "Reaction ~ 1 + Days + (1 | Subject)";
  // Before: Days + 1e8 was dropped as collinear with the intercept (its spread is below 1e-7 of
  // its norm), so the model silently lost its slope.
  for (const shift of [1e8, 1e12]) {
    it(`Days + ${shift} (in X only): the same objective at θ̂, the same fit`, () => {
      const data = sleep();
      const shifted = { ...data, Days: data.Days.map((d) => d + shift) };
      const model = LinearMixedModel.fromFormula(text, shifted);
      expect(model.fixefnames()).toEqual(["(Intercept)", "Days"]);
      const base = LinearMixedModel.fromFormula(text, data).objectiveAt(interceptOnly.theta);
      expect(Math.abs(model.objectiveAt(interceptOnly.theta) - base)).toBeLessThanOrEqual(
        1e-9 * base,
      );
      model.fit({ optimizer: bobyqa() });
      expect(model.objective).toBeCloseTo(interceptOnly.objective, 6);
      expect(model.fixef()[1]).toBeCloseTo(interceptOnly.fixef.beta[1], 5);
      expect(model.stderror()[1]).toBeCloseTo(interceptOnly.fixef.stderror[1], 5);
    });
  }
});

describe("Overflow, no variation and offset(y) are DataErrors naming the column", () => {
  // Before: each of these surfaced as NotPositiveDefiniteError: non-positive pivot in block 1.
  for (const value of [1e200, 1e308]) {
    it(`${value} in the response`, () => {
      const data = sleep();
      data.Reaction[3] = value;
      const error = thrown(() => fit(data), DataError);
      expect(error.column).toBe("Reaction");
      expect(error.row).toBe(3);
      expect(error.message).toContain("overflows");
    });
    it(`${value} in a predictor`, () => {
      const data = sleep();
      data.Days[7] = -value;
      const error = thrown(() => fit(data), DataError);
      expect(error.column).toBe("Days");
      expect(error.row).toBe(7);
      expect(error.message).toContain("overflows");
    });
  }

  it("a response constant up to rounding", () => {
    const data = sleep();
    // 300 and its neighbouring doubles: variation in the last bits only.
    const constant = data.Reaction.map((_, t) => 300 + (t % 3) * 2 ** -44);
    const error = thrown(() => fit({ ...data, Reaction: constant }), DataError);
    expect(error.column).toBe("Reaction");
    expect(error.message).toContain("no variation");
  });

  it("offset(y): the response minus the offset is zero", () => {
    const error = thrown(
      () => fit(sleep(), "Reaction ~ 1 + Days + offset(Reaction) + (1 + Days | Subject)"),
      DataError,
    );
    expect(error.column).toBe("Reaction");
    expect(error.message).toContain("offset(Reaction)");
    expect(error.message).toContain("no variation");
  });

  it("a response that varies by 2⁻³⁰ ≈ 1e-9 around 300 is data, fitted exactly", () => {
    const data = sleep();
    // u on a 2⁻⁴ grid, so 300 + 2⁻³⁰·u is exact: the model is u's, shifted and scaled.
    const u = data.Reaction.map((r) => Math.round((r - 300) * 16) / 16);
    const tiny = fit({ ...data, Reaction: u.map((value) => 300 + value * 2 ** -30) });
    const plain = fit({ ...data, Reaction: u });
    // The ML deviance of c·y is that of y plus 2n·log c.
    const n = u.length;
    expect(tiny.objective).toBeCloseTo(plain.objective + 2 * n * Math.log(2 ** -30), 6);
    expect(tiny.theta[0]).toBeCloseTo(plain.theta[0], 4);
    expect(tiny.sigma / 2 ** -30).toBeCloseTo(plain.sigma, 4);
  });
});

describe("No NaN correlation: a zero variance is reported as such", () => {
  it("a standard deviation estimated as exactly zero gives null correlations with a note", () => {
    // sleepstudy with each subject's own OLS intercept removed: the intercept variance is
    // estimated as exactly zero (θ₁ = 0). Before, its correlation with Days was 0/0 = NaN.
    const data = sleep();
    const sums = new Map<string, number[]>();
    data.Subject.forEach((s, t) => {
      const a = sums.get(s) ?? [0, 0, 0, 0, 0];
      const [x, y] = [data.Days[t], data.Reaction[t]];
      sums.set(s, [a[0] + 1, a[1] + x, a[2] + y, a[3] + x * x, a[4] + x * y]);
    });
    const intercept = new Map<string, number>();
    for (const [s, [n, sx, sy, sxx, sxy]] of sums) {
      const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
      intercept.set(s, (sy - slope * sx) / n);
    }
    const flat = data.Reaction.map((r, t) => r - (intercept.get(data.Subject[t]) ?? 0) + 250);
    const model = fit({ ...data, Reaction: flat });
    expect(model.theta[0]).toBe(0);
    const [group] = model.varCorr().groups;
    expect(group.sd[0]).toBe(0);
    expect(group.corr).toEqual([
      [1, null],
      [null, 1],
    ]);
    expect(group.corrNotes?.map((note) => [note.row, note.column, note.reason])).toEqual([
      [0, 1, "zero-variance"],
      [1, 0, "zero-variance"],
    ]);
    expect(group.corrNotes?.[0].message).toContain("'(Intercept)'");
    const json = JSON.stringify(model.summary());
    expect(json).not.toContain("NaN");
    expect(JSON.parse(json).varcorr[0].corr).toEqual([
      [1, null],
      [null, 1],
    ]);
  });
});
