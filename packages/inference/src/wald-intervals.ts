import { ModelError } from "@mixedmodels/core";
import { normalQuantile } from "@mixedmodels/distributions";
import type { MixedModelBase } from "@mixedmodels/models";

/** Confidence intervals as plain JSON data: one row per parameter, lme4's names. */
export interface ConfidenceIntervals {
  readonly method: "wald" | "profile" | "boot";
  readonly level: number;
  readonly names: readonly string[];
  readonly lower: readonly number[];
  readonly upper: readonly number[];
}

/** Check a confidence level in (0, 1). @throws ModelError naming the value */
export function checkLevel(level: number): number {
  if (!(level > 0 && level < 1))
    throw new ModelError(`level must be strictly between 0 and 1, got ${level}`);
  return level;
}

/**
 * Keep the rows named in `parameters` (every row when undefined), in the order asked.
 * @throws ModelError naming an unknown parameter and listing the known ones
 */
export function selectParameters(
  intervals: ConfidenceIntervals,
  parameters: readonly string[] | undefined,
): ConfidenceIntervals {
  if (parameters === undefined) return intervals;
  const index = new Map<string, number>();
  intervals.names.forEach((name, i) => {
    index.set(name, i);
  });
  const rows = parameters.map((name) => {
    const i = index.get(name);
    if (i === undefined)
      throw new ModelError(
        `no parameter '${name}' for ${intervals.method} intervals; known: ${intervals.names.join(", ")}`,
      );
    return i;
  });
  return {
    ...intervals,
    names: rows.map((i) => intervals.names[i]),
    lower: rows.map((i) => intervals.lower[i]),
    upper: rows.map((i) => intervals.upper[i]),
  };
}

/**
 * lme4's `confint(method = "Wald")` for the fixed effects: β̂ ± z_{(1+level)/2}·SE (normal
 * quantiles, as lme4; aliased coefficients are left out).
 */
export function waldIntervals(model: MixedModelBase, level: number): ConfidenceIntervals {
  if (!model.isFitted) throw new ModelError("confint needs a fitted model; call fit() first");
  const z = normalQuantile((1 + checkLevel(level)) / 2);
  const rows = model.coeftable().filter((row) => !row.aliased);
  return {
    method: "wald",
    level,
    names: rows.map((row) => row.name),
    lower: rows.map((row) => row.estimate - z * row.stderror),
    upper: rows.map((row) => row.estimate + z * row.stderror),
  };
}
