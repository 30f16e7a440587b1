import type { ThetaLayout } from "./theta-layout";

/** Zero-snapping after the fit (MixedModels.jl's xtol_zero_abs and ftol_zero_abs). */
export const ZERO_SNAP_THETA = 1e-3;
export const ZERO_SNAP_OBJECTIVE = 1e-5;

/**
 * θ with every diagonal element in (0, ZERO_SNAP_THETA) set to 0, or null when there is none.
 * With lme4's bounds a variance at the boundary is otherwise only approximately zero, and the
 * singularity check is exact.
 */
export function snapTinyDiagonals(layout: ThetaLayout, theta: Float64Array): Float64Array | null {
  const snapped = Float64Array.from(theta);
  let any = false;
  for (let i = 0; i < snapped.length; i++) {
    if (layout.isDiagonal(i) && snapped[i] > 0 && snapped[i] < ZERO_SNAP_THETA) {
      snapped[i] = 0;
      any = true;
    }
  }
  return any ? snapped : null;
}

/**
 * The post-fit steps every model kind shares: canonical signs (rectify, which leaves ΛΛᵀ and so
 * the objective unchanged), then tiny diagonal θ snapped to exact zeros when the objective there
 * is within ZERO_SNAP_OBJECTIVE of the optimum. `evaluate` answers the objective at a θ, or null
 * when the system cannot be factored there; `accepted` is told about a snapped θ that was kept
 * (for the fit log). Returns the final θ (a new array).
 */
export function canonicalTheta(
  layout: ThetaLayout,
  optimum: Float64Array,
  best: number,
  evaluate: (theta: Float64Array) => number | null,
  accepted: (theta: Float64Array, value: number) => void,
): Float64Array {
  const theta = Float64Array.from(optimum);
  layout.rectify(theta);
  const snapped = snapTinyDiagonals(layout, theta);
  if (snapped === null) return theta;
  const value = evaluate(snapped);
  if (value === null || !(value <= best + ZERO_SNAP_OBJECTIVE)) return theta;
  accepted(snapped, value);
  return snapped;
}
