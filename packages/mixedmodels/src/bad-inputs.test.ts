import { thrown } from "@mixedmodels/testkit";
import { dyestuff2, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { DataError, FormulaSyntaxError, fit, lmm, MixedModelsError, ModelError } from "./index";

// The cases of lme4's bad-input table, end to end through the umbrella: each gives a typed error
// naming the column, term or position before any fitting, or a structured warning — never NaN.

function sleepRows() {
  const { columns, nrow } = sleepstudy;
  const reaction = columns.Reaction;
  const days = columns.Days;
  const subject = columns.Subject;
  if (reaction?.kind !== "numeric" || days?.kind !== "numeric" || subject?.kind !== "categorical") {
    throw new Error("unexpected sleepstudy columns");
  }
  return Array.from({ length: nrow }, (_, row) => ({
    Reaction: reaction.values[row] as number,
    Days: days.values[row] as number,
    Subject: subject.levels[subject.codes[row] as number] as string,
  }));
}

describe("bad input, end to end", () => {
  it("drops a row with a missing response and reports it", () => {
    const rows = sleepRows();
    rows[3] = { ...rows[3]!, Reaction: Number.NaN };
    const m = lmm("Reaction ~ 1 + Days + (1 | Subject)", rows);
    expect(m.nobs).toBe(179);
    expect(Array.from(m.parts.droppedRows)).toEqual([3]);
  });

  it("rejects Inf in the response and in a predictor, naming the column and row", () => {
    for (const column of ["Reaction", "Days"] as const) {
      const rows = sleepRows();
      rows[7] = { ...rows[7]!, [column]: Number.POSITIVE_INFINITY };
      const error = thrown(() => lmm("Reaction ~ 1 + Days + (1 | Subject)", rows));
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).column).toBe(column);
      expect((error as DataError).row).toBe(7);
    }
  });

  it("rejects data that is empty, or empty after dropping missing rows", () => {
    const allMissing = sleepRows().map((row) => ({ ...row, Reaction: Number.NaN }));
    expect(() => lmm("Reaction ~ 1 + Days + (1 | Subject)", allMissing)).toThrow(DataError);
    expect(() =>
      lmm("Reaction ~ 1 + Days + (1 | Subject)", { Reaction: [], Days: [], Subject: [] }),
    ).toThrow(MixedModelsError);
  });

  it("rejects a grouping factor with one level, and one observation per level", () => {
    const oneLevel = sleepRows().map((row) => ({ ...row, Subject: "only" }));
    const single = thrown(() => lmm("Reaction ~ 1 + Days + (1 | Subject)", oneLevel));
    expect(single).toBeInstanceOf(MixedModelsError);
    expect((single as Error).message).toContain("Subject");
    const perRow = sleepRows().map((row, index) => ({ ...row, Subject: `s${index}` }));
    const levels = thrown(() => lmm("Reaction ~ 1 + Days + (1 | Subject)", perRow));
    expect(levels).toBeInstanceOf(MixedModelsError);
    expect((levels as Error).message).toContain("Subject");
  });

  it("rejects more random effects than observations for a term", () => {
    const rows = sleepRows().filter((row) => row.Days < 2);
    const error = thrown(() => lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", rows));
    expect(error).toBeInstanceOf(MixedModelsError);
    expect((error as Error).message).toContain("Subject");
  });

  it("rejects formulas lme4 silently mangles or cannot use, with the position", () => {
    for (const formula of [
      "Reaction ~ Days * (1 | Subject)",
      "Reaction ~ 1 + (Subject | Subject)",
      "Reaction ~ 1 + Days + (1 + Days | Subject",
    ]) {
      const error = thrown(() => lmm(formula, sleepstudy));
      expect(error, formula).toBeInstanceOf(FormulaSyntaxError);
      const { offset } = error as FormulaSyntaxError;
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThanOrEqual(formula.length);
    }
  });

  it("needs a response and a random-effects term", () => {
    expect(() => lmm("Reaction ~ 1 + Days", sleepstudy)).toThrow(ModelError);
    const error = thrown(() => lmm("~ Days + (1 | Subject)", sleepstudy));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as Error).message).toContain("response");
  });

  it("names an unknown column and suggests the closest", () => {
    const error = thrown(() => lmm("Reaction ~ 1 + Dayz + (1 | Subject)", sleepstudy));
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toContain("Dayz");
    expect((error as Error).message).toContain("Days");
  });

  it("refuses a constant or categorical response", () => {
    const constant = sleepRows().map((row) => ({ ...row, Reaction: 250 }));
    expect(() => fit(lmm("Reaction ~ 1 + Days + (1 | Subject)", constant))).toThrow(
      MixedModelsError,
    );
    const error = thrown(() => lmm("Subject ~ 1 + Days + (1 | Days)", sleepstudy));
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toContain("Subject");
  });

  it("rejects negative weights", () => {
    const weights = new Float64Array(sleepstudy.nrow).fill(1);
    weights[5] = -1;
    expect(() => lmm("Reaction ~ 1 + Days + (1 | Subject)", sleepstudy, { weights })).toThrow(
      DataError,
    );
  });

  it("fits a rank-deficient X, dropping the aliased column by name with a warning", () => {
    const rows = sleepRows().map((row) => ({ ...row, Hours: row.Days * 24 }));
    const m = fit(lmm("Reaction ~ 1 + Days + Hours + (1 | Subject)", rows));
    expect(m.parts.X.aliased).toEqual(["Hours"]);
    expect(m.warnings.map((warning) => warning.code)).toContain("rank-deficient");
    expect(Object.is(m.coef()[2], -0)).toBe(true);
    expect(Number.isNaN(m.stderror()[2])).toBe(true);
    expect(Number.isFinite(m.objective)).toBe(true);
  });

  it("reports a singular fit and an exhausted evaluation budget as warnings", () => {
    const singular = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff2));
    expect(singular.isSingular()).toBe(true);
    expect(singular.warnings.map((warning) => warning.code)).toContain("singular");
    const stopped = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy), {
      maxEvaluations: 5,
    });
    expect(stopped.warnings.length).toBeGreaterThan(0);
    expect(stopped.summary().optimization.converged).toBe(false);
  });

  it("refuses to fit twice", () => {
    const m = fit(lmm("Yield ~ 1 + (1 | Batch)", dyestuff2));
    expect(() => fit(m)).toThrow(ModelError);
  });
});
