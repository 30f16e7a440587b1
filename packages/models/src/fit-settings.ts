import { defaultInitialStep } from "./initial-step";
import type { FitOptions } from "./model-types";

/** The tolerance and step options that shape what the optimizer is given. */
export type FitSettingOptions = Pick<FitOptions, "initialStep" | "ftolRel" | "ftolAbs" | "xtolAbs">;

/** What the optimizer is given: lme4-style bounds and MixedModels.jl's tolerances by default. */
export interface FitSettings {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly ftolRel: number;
  readonly ftolAbs: number;
  readonly xtolAbs: number;
  readonly initialStep: Float64Array;
}

/** Settings for a start `initial` with lower bounds `lower` (θ: 0 on diagonals; β: −∞). */
export function resolveFitSettings(
  options: FitSettingOptions,
  lower: Float64Array,
  initial: Float64Array,
): FitSettings {
  const length = initial.length;
  const upper = new Float64Array(length).fill(Number.POSITIVE_INFINITY);
  const initialStep =
    options.initialStep === undefined
      ? defaultInitialStep(initial, lower, upper)
      : typeof options.initialStep === "number"
        ? new Float64Array(length).fill(options.initialStep)
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
