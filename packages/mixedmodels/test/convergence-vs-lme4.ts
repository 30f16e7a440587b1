// Fits every case of fixtures/lme4-evaluations with the default optimizer and reports, per case,
// the evaluations against lme4's and the distance of θ from the optimum located by
// lme4-evaluations.R. Shared by the test and by a script that prints the table.
import * as datasets from "@mixedmodels/datasets";
import { fit, lmm } from "../src/index";
import recorded from "./fixtures/lme4-evaluations/lme4-evaluations.json";

export interface Lme4Case {
  readonly dataset: string;
  readonly formula: string;
  readonly reml: boolean;
  readonly feval: number;
  readonly optimum_theta: number | number[];
  readonly optimum_objective: number;
}

export interface ConvergenceRow {
  readonly id: string;
  readonly evaluations: number;
  readonly lme4Evaluations: number;
  /** max over θ_i of |θ_i − θ*_i| / max(|θ*_i|, 1e-2): relative, absolute near zero. */
  readonly thetaError: number;
  /** Whether every θ_i is within 1e-7 relative or 1e-9 absolute of θ*_i. */
  readonly thetaConverged: boolean;
  readonly objectiveExcess: number;
}

const tables: Record<string, Parameters<typeof lmm>[1]> = {
  ...(datasets as unknown as Record<string, Parameters<typeof lmm>[1]>),
  minval: { y: Float64Array.from(recorded.minval_data.y), group: recorded.minval_data.group },
};

export const lme4Cases = recorded.cases as unknown as Record<string, Lme4Case>;

export function convergenceRow(id: string, options: Record<string, unknown> = {}): ConvergenceRow {
  const reference = lme4Cases[id];
  const model = fit(lmm(reference.formula, tables[reference.dataset]), {
    ...options,
    reml: reference.reml,
  });
  const optimum = ([] as number[]).concat(reference.optimum_theta);
  const theta = model.theta;
  let thetaError = 0;
  let thetaConverged = true;
  optimum.forEach((target, i) => {
    const difference = Math.abs(theta[i] - target);
    thetaError = Math.max(thetaError, difference / Math.max(Math.abs(target), 1e-2));
    if (!(difference <= 1e-7 * Math.abs(target) || difference <= 1e-9)) thetaConverged = false;
  });
  return {
    id,
    evaluations: model.optsum?.evaluations ?? Number.NaN,
    lme4Evaluations: reference.feval,
    thetaError,
    thetaConverged,
    objectiveExcess: model.objective - reference.optimum_objective,
  };
}
