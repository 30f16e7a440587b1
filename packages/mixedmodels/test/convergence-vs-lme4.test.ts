import { describe, expect, it } from "vitest";
import { type ConvergenceRow, convergenceRow, lme4Cases } from "./convergence-vs-lme4";

// Issue 17: evaluations and convergence against lme4 on the reference cases. lme4's counts
// (`m@optinfo$feval` of a default lmer fit) and the optima (Newton's method on lme4's deviance
// function) come from fixtures/lme4-evaluations/lme4-evaluations.R.
//
// Where this stands (2026-12-04): `fit`'s default is the quasi-Newton method on the models'
// analytic gradient for 12 of the 13 cases (pastes nested and InstEval keep BOBYQA: their gradient
// is not cheap yet); 146 evaluations over the 13 against lme4's 345, no more than lme4 on every
// case, and θ within 1e-7 relative (or 1e-9 absolute) of the optimum on the 12 (the largest error
// 5e-9). BOBYQA alone needs 350 and misses 1e-7 on 8 of the 13 (see packages/optim/README.md).
const rows: ConvergenceRow[] = Object.keys(lme4Cases).map((id) => convergenceRow(id));

describe("the default optimizer against lme4 on the reference cases", () => {
  it("reaches the optimum's objective to 1e-11 relative (or 1e-9 absolute) on every case", () => {
    for (const row of rows) {
      const optimum = lme4Cases[row.id].optimum_objective;
      expect(row.objectiveExcess, row.id).toBeLessThan(Math.max(1e-11 * Math.abs(optimum), 1e-9));
    }
  });

  it("needs no more evaluations than lme4 on any case (146 in all against 345)", () => {
    for (const row of rows)
      expect(row.evaluations, row.id).toBeLessThanOrEqual(row.lme4Evaluations);
    const ours = rows.reduce((sum, row) => sum + row.evaluations, 0);
    const theirs = rows.reduce((sum, row) => sum + row.lme4Evaluations, 0);
    expect(theirs).toBe(345);
    expect(ours).toBeLessThanOrEqual(0.5 * theirs);
  });

  it("ends with θ within 1e-7 relative (or 1e-9 absolute) of the optimum on every case the quasi-Newton method fits", () => {
    // pastes nested (q + p + 1 = 42) is still fitted by BOBYQA: its dense gradient costs five
    // evaluations, so the quasi-Newton fit would take longer (1.5 against 0.6 ms).
    const byBobyqa = new Set(["pastes_nested_ml"]);
    for (const row of rows) {
      if (byBobyqa.has(row.id)) expect(row.thetaError, row.id).toBeLessThan(1e-5);
      else expect(row.thetaConverged, `${row.id}: ${row.thetaError}`).toBe(true);
    }
  });
});
