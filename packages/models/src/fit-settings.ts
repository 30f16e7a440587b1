import { defaultInitialStep } from "./initial-step";
import type { FitOptions } from "./model-types";
import type { ThetaLayout } from "./theta-layout";

/** Zero-snapping after the fit (MixedModels.jl's xtol_zero_abs and ftol_zero_abs). */
export const ZERO_SNAP_THETA = 1e-3;
export const ZERO_SNAP_OBJECTIVE = 1e-5;

/** What the optimizer is given: lme4-style bounds and MixedModels.jl's tolerances by default. */
export interface FitSettings {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly ftolRel: number;
  readonly ftolAbs: number;
  readonly xtolAbs: number;
  readonly initialStep: Float64Array;
}

export function resolveFitSettings(
  options: FitOptions,
  layout: ThetaLayout,
  initialTheta: Float64Array,
): FitSettings {
  const lower = layout.lowerBounds();
  const upper = new Float64Array(layout.length).fill(Number.POSITIVE_INFINITY);
  const initialStep =
    options.initialStep === undefined
      ? defaultInitialStep(initialTheta, lower, upper)
      : typeof options.initialStep === "number"
        ? new Float64Array(layout.length).fill(options.initialStep)
        : Float64Array.from(options.initialStep);
  return {
    lower,
    upper,
    ftolRel: options.ftolRel ?? 1e-12,
    ftolAbs: options.ftolAbs ?? 1e-8,
    xtolAbs: options.xtolAbs ?? 1e-10,
    initialStep,
  };
}

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
