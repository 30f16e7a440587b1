import { potrf, trsm } from "@mixedmodels/linalg";

/** lme4's step for the finite-difference Hessian of the deviance (`deriv12`, delta = 1e-4). */
export const HESSIAN_STEP = 1e-4;

/**
 * The covariance of the first `p` parameters from the Hessian H of a deviance f at its minimum
 * x, by central finite differences with lme4's step (glmer's default `use.hessian`): 2·(H⁻¹)
 * restricted to those parameters (p×p, column-major). The diagonal is lme4's
 * (f(x+hᵢ) − 2f(x) + f(x−hᵢ))/h²; an off-diagonal entry uses the two diagonal points
 * f(x ± (hᵢ + hⱼ)) and the axis points already evaluated,
 * (f(x+hᵢ+hⱼ) + f(x−hᵢ−hⱼ) − f(x±hᵢ) − f(x±hⱼ) + 2f(x))/(2h²), which has the same O(h²) error as
 * lme4's four-point formula and needs 1 + 2d + d(d−1) evaluations instead of 1 + 2d². Returns
 * null when H is not positive definite (then the caller falls back to the working model's
 * precision of β).
 */
export function hessianCovariance(
  f: (x: Float64Array) => number,
  x: Float64Array,
  p: number,
  step: number = HESSIAN_STEP,
): Float64Array | null {
  const d = x.length;
  const h = new Float64Array(d * d);
  const point = Float64Array.from(x);
  const at = (i: number, a: number, j = -1, b = 0): number => {
    point.set(x);
    point[i] += a * step;
    if (j >= 0) point[j] += b * step;
    return f(point);
  };
  const center = f(point);
  const plus = new Float64Array(d);
  const minus = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    plus[i] = at(i, 1);
    minus[i] = at(i, -1);
    h[i + i * d] = (plus[i] - 2 * center + minus[i]) / (step * step);
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const value =
        (at(i, 1, j, 1) + at(i, -1, j, -1) - plus[i] - minus[i] - plus[j] - minus[j] + 2 * center) /
        (2 * step * step);
      h[i + j * d] = value;
      h[j + i * d] = value;
    }
  }
  for (const value of h) if (!Number.isFinite(value)) return null;
  // H⁻¹ = L⁻ᵀL⁻¹: solve L·Y = I, then Lᵀ·Z = Y; only the first p columns are needed.
  if (potrf(d, h, 0, d) >= 0) return null;
  const inverse = new Float64Array(d * p);
  for (let c = 0; c < p; c++) inverse[c + c * d] = 1;
  trsm("left", false, d, p, 1, h, 0, d, inverse, 0, d);
  trsm("left", true, d, p, 1, h, 0, d, inverse, 0, d);
  const out = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let r = 0; r < p; r++) out[r + c * p] = 2 * inverse[r + c * d];
  }
  return out;
}
