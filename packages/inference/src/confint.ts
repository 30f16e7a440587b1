import { ModelError } from "@mixedmodels/core";
import type { LinearMixedModel } from "@mixedmodels/models";
import {
  type ConfidenceIntervals,
  checkLevel,
  selectParameters,
  waldIntervals,
} from "./wald-intervals";

/** Options of `confint`. */
export interface ConfintOptions {
  /** "wald" (default), "profile" (likelihood profile) or "boot" (parametric bootstrap). */
  readonly method?: "wald" | "profile" | "boot";
  /** Coverage, default 0.95. */
  readonly level?: number;
  /** Parameter names to keep (lme4's names: `(Intercept)`, `sd_(Intercept)|Subject`, `sigma`). */
  readonly parameters?: readonly string[];
}

/**
 * Confidence intervals for a fitted linear mixed model, named as lme4 names them.
 * @throws ModelError for an unfitted model, a level outside (0, 1), an unknown method or
 *   parameter name
 */
export function confint(
  model: LinearMixedModel,
  options: ConfintOptions = {},
): ConfidenceIntervals {
  const level = checkLevel(options.level ?? 0.95);
  const method = options.method ?? "wald";
  switch (method) {
    case "wald":
      return selectParameters(waldIntervals(model, level), options.parameters);
    default:
      throw new ModelError(
        `confint method must be "wald", "profile" or "boot", got ${JSON.stringify(method)}`,
      );
  }
}
