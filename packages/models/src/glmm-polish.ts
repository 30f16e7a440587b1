import { potrf, trsv } from "@mixedmodels/linalg";
import { covarianceFromHessian, finiteDifferenceDerivatives } from "./glmm-hessian";

/** What the Newton polish of the joint stage found. */
export interface NewtonPolish {
  /** The better of the stage's answer and the Newton point. */
  readonly point: Float64Array;
  readonly value: number;
  /**
   * Whether the polished point can stand as the optimum: the step was taken and the objective
   * fell by what the quadratic model predicted (within 10%), or the model predicted almost
   * nothing to gain. Otherwise (H not positive definite, a θ near but not on its bound, a step
   * out of the box, a poor prediction) the caller resumes the optimizer from `point`.
   */
  readonly trusted: boolean;
  /**
   * 2·H⁻¹ for β from the finite-difference Hessian at the stage's answer (the covariance the
   * summary reports), or null when H is not positive definite.
   */
  readonly covariance: Float64Array | null;
}

/** Below this predicted gain the stage's answer is already at the optimum (BOBYQA's ftolAbs). */
const NEGLIGIBLE_GAIN = 1e-8;
/** The largest relative difference between the predicted and the actual gain of a kept step. */
const PREDICTION_TOLERANCE = 0.1;

/**
 * One Newton step on the joint objective after BOBYQA's stage 2 has stopped at a looser
 * tolerance than a derivative-free method needs on its own: the finite-difference gradient and
 * Hessian at the stage's answer x₀ (the points glmer's standard errors take, which the summary
 * needs anyway), then x₁ = x₀ − H⁻¹g. Near the optimum the deviance is quadratic to a good
 * approximation, so when the actual gain f(x₀) − f(x₁) matches the predicted −gᵀΔ/2, what is
 * left is of the order of their difference; BOBYQA's tail of small trust-region steps would
 * take many more evaluations to get there.
 * `probe` evaluates without recording (the derivative points are not optimizer evaluations);
 * `evaluate` records the Newton point as an evaluation.
 */
export function newtonPolish(
  probe: (x: Float64Array) => number,
  evaluate: (x: Float64Array) => number,
  x0: Float64Array,
  value0: number,
  p: number,
  lower: Float64Array,
): NewtonPolish {
  const d = x0.length;
  const untrusted = (covariance: Float64Array | null): NewtonPolish => ({
    point: x0,
    value: value0,
    trusted: false,
    covariance,
  });
  const derivatives = finiteDifferenceDerivatives(probe, x0);
  if (derivatives === null) return untrusted(null);
  const covariance = covarianceFromHessian(derivatives.hessian, d, p);
  if (covariance === null) return untrusted(null);
  // A θ on its bound where the objective rises into the box stays there (a singular fit: the
  // step is taken in the other coordinates). One near its bound but not on it is where the
  // quadratic model is worst: no step, the optimizer resumes.
  const free: number[] = [];
  for (let i = 0; i < d; i++) {
    if (x0[i] === lower[i] && derivatives.plus[i] > derivatives.center) continue;
    if (Number.isFinite(lower[i]) && x0[i] - lower[i] < 1e-3) return untrusted(covariance);
    free.push(i);
  }
  const m = free.length;
  const factor = new Float64Array(m * m);
  const step = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    step[c] = -derivatives.gradient[free[c]];
    for (let r = 0; r < m; r++) factor[r + c * m] = derivatives.hessian[free[r] + free[c] * d];
  }
  if (m === 0 || potrf(m, factor, 0, m) >= 0) return untrusted(covariance);
  trsv(false, m, factor, 0, m, step, 0, 1);
  trsv(true, m, factor, 0, m, step, 0, 1);
  let predicted = 0;
  for (let c = 0; c < m; c++) predicted -= 0.5 * derivatives.gradient[free[c]] * step[c];
  const x1 = Float64Array.from(x0);
  for (let c = 0; c < m; c++) {
    const i = free[c];
    x1[i] = x0[i] + step[c];
    if (!(x1[i] > lower[i])) return untrusted(covariance);
  }
  const value1 = evaluate(x1);
  const better = value1 < value0;
  const point = better ? x1 : x0;
  const value = better ? value1 : value0;
  const trusted =
    predicted <= NEGLIGIBLE_GAIN ||
    Math.abs(value0 - value1 - predicted) <= PREDICTION_TOLERANCE * predicted;
  return { point, value, trusted, covariance };
}
