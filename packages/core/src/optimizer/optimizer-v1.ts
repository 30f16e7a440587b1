/**
 * The optimizer specification, version 1. The model layer accepts any object of this shape;
 * nothing checks `instanceof`, so a third-party optimizer needs only this package.
 */

/** The function to minimize. Implementations must not keep a reference to `theta` across calls. */
export interface ObjectiveV1 {
  readonly dimension: number;
  /**
   * f(θ). May return +Infinity or NaN, or throw, at a trial point; an optimizer treats such a point
   * as worse than any finite value and carries on.
   */
  value(theta: Float64Array): number;
  /** Optional analytic gradient, written into `out` (length `dimension`). */
  gradient?(theta: Float64Array, out: Float64Array): void;
}

export interface BoundsV1 {
  /** -Infinity where unbounded below. */
  readonly lower: Float64Array;
  /** +Infinity where unbounded above. */
  readonly upper: Float64Array;
}

export interface MinimizeOptionsV1 {
  readonly bounds?: BoundsV1;
  /** Stop when one step changes f by less than ftolRel·|f| (NLopt's ftol_rel). */
  readonly ftolRel?: number;
  /** Stop when one step changes f by less than ftolAbs (NLopt's ftol_abs). */
  readonly ftolAbs?: number;
  /** Stop when one step changes every coordinate by less than xtolAbs (NLopt's xtol_abs). */
  readonly xtolAbs?: number;
  /** Initial step (trust-region radius or simplex size), per coordinate or one for all. */
  readonly initialStep?: number | Float64Array;
  readonly maxEvaluations?: number;
  readonly signal?: AbortSignal;
  /** Called after every evaluation of the objective, with the point and its value. */
  readonly onEvaluation?: (theta: Float64Array, value: number) => void;
}

export type MinimizeStatusV1 = "converged" | "maxEvaluations" | "aborted" | "failed";

export interface MinimizeResultV1 {
  /** The best point seen (never a point outside the bounds). */
  readonly theta: Float64Array;
  /** The objective at `theta`. */
  readonly value: number;
  /** How many times `objective.value` was called. */
  readonly evaluations: number;
  readonly status: MinimizeStatusV1;
  readonly message: string;
}

export interface OptimizerCapabilitiesV1 {
  readonly bounds: boolean;
  readonly usesGradient: boolean;
}

/** Specification every optimizer implements. */
export interface OptimizerV1 {
  readonly specificationVersion: "v1";
  /** Stable identifier, e.g. "bobyqa", "nelder-mead". */
  readonly name: string;
  readonly capabilities: OptimizerCapabilitiesV1;
  minimize(objective: ObjectiveV1, start: Float64Array, options?: MinimizeOptionsV1): MinimizeResultV1;
}

/** Structural check (never `instanceof`): two copies of this package must interoperate. */
export function isOptimizerV1(value: unknown): value is OptimizerV1 {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { specificationVersion?: unknown }).specificationVersion === "v1" &&
    typeof (value as { minimize?: unknown }).minimize === "function"
  );
}
