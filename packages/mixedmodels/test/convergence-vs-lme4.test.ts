import { describe, expect, it } from "vitest";
import { type ConvergenceRow, convergenceRow, lme4Cases } from "./convergence-vs-lme4";

// Issue 17: evaluations and convergence against lme4 on the reference cases. lme4's counts
// (`m@optinfo$feval` of a default lmer fit) and the optima (Newton's method on lme4's deviance
// function) come from fixtures/lme4-evaluations/lme4-evaluations.R.
//
// Where this stands (2026-12-04): 350 evaluations over the 13 cases against lme4's 345, with
// lme4's start for scalar-intercept models (packages/models/src/lme4-start.ts); more than lme4
// on 6 (cake, pastes 1 term, penicillin ML, sleepstudy REML, zerocorr, minval); θ within 1e-7
// relative (or 1e-9 absolute) of the optimum on 5 (see packages/optim/README.md). The assertions below hold today
// and guard against regressions; the per-case targets are not met yet.
const rows: ConvergenceRow[] = Object.keys(lme4Cases).map((id) => convergenceRow(id));

describe("BOBYQA against lme4 on the reference cases", () => {
  it("reaches the optimum's objective to 1e-11 relative (or 1e-9 absolute) on every case", () => {
    for (const row of rows) {
      const optimum = lme4Cases[row.id].optimum_objective;
      expect(row.objectiveExcess, row.id).toBeLessThan(Math.max(1e-11 * Math.abs(optimum), 1e-9));
    }
  });

  it("needs at most 5% more evaluations in total than lme4 (today 350 against 345)", () => {
    const ours = rows.reduce((sum, row) => sum + row.evaluations, 0);
    const theirs = rows.reduce((sum, row) => sum + row.lme4Evaluations, 0);
    expect(theirs).toBe(345);
    expect(ours).toBeLessThanOrEqual(Math.round(1.05 * theirs));
  });

  it("never needs more than 1.4 times lme4's evaluations on one case", () => {
    for (const row of rows)
      expect(row.evaluations, row.id).toBeLessThanOrEqual(1.4 * row.lme4Evaluations);
  });
});
