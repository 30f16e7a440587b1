import { confint as bootstrapConfint, parametricBootstrap } from "@mixedmodels/bootstrap";
import { ModelError } from "@mixedmodels/core";
import type { GeneralizedLinearMixedModel, LinearMixedModel } from "@mixedmodels/models";
import { requireLinear } from "./model-kind";
import { profileIntervals } from "./profile";
import {
  type ConfidenceIntervals,
  checkLevel,
  selectParameters,
  waldIntervals,
} from "./wald-intervals";

/** Options of `confint`. */
export interface ConfintOptions {
  /** "wald" (default) or "profile" (likelihood profile); "boot" is `confintBootstrap`'s. */
  readonly method?: "wald" | "profile";
  /** Coverage, default 0.95. */
  readonly level?: number;
  /** Parameter names to keep (lme4's names: `(Intercept)`, `sd_(Intercept)|Subject`, `sigma`). */
  readonly parameters?: readonly string[];
}

/** Options of `confintBootstrap`: the parametric bootstrap's, plus the interval's. */
export interface BootstrapConfintOptions {
  readonly level?: number;
  readonly parameters?: readonly string[];
  /** Replicates (default 1000). */
  readonly replicates?: number;
  /** Seed of replicate streams (default 42). */
  readonly seed?: number;
  /** Worker threads (default 1). */
  readonly workers?: number;
  /** Equal-tail percentiles (default) or the shortest intervals. */
  readonly interval?: "percentile" | "shortest";
}

/**
 * Confidence intervals for a fitted linear mixed model, named as lme4 names them: Wald
 * (lme4's `confint(method = "Wald")`, fixed effects) or profile (lme4's
 * `confint(method = "profile")`: every sd, correlation, σ and fixed effect, from the ML profile).
 * A generalized model takes Wald intervals only (as lme4's for glmer fits, fixed effects).
 * @throws ModelError for an unfitted model, a level outside (0, 1), an unknown method or
 *   parameter name, or profile intervals of a generalized model
 */
export function confint(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
  options: ConfintOptions = {},
): ConfidenceIntervals {
  const level = checkLevel(options.level ?? 0.95);
  const method = options.method ?? "wald";
  switch (method) {
    case "wald":
      return selectParameters(waldIntervals(model, level), options.parameters);
    case "profile": {
      requireLinear(model, 'confint with method "profile"');
      if (!model.isFitted) throw new ModelError("confint needs a fitted model; call fit() first");
      const ends = profileIntervals(model as LinearMixedModel, level, options.parameters);
      return { method, level, ...ends };
    }
    default:
      throw new ModelError(
        `confint method must be "wald" or "profile" (or confintBootstrap), got ${JSON.stringify(method)}`,
      );
  }
}

/**
 * `confint(method = "boot")`: @mixedmodels/bootstrap's parametric bootstrap of the model, then
 * its percentile (or shortest) intervals, in the same JSON shape as `confint`; for a linear or a
 * generalized (Bernoulli, binomial, Poisson) model.
 * @throws ModelError as `confint`, and for a bad number of replicates or workers
 */
export async function confintBootstrap(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
  options: BootstrapConfintOptions = {},
): Promise<ConfidenceIntervals> {
  const level = checkLevel(options.level ?? 0.95);
  const boot = await parametricBootstrap(model, options.replicates ?? 1000, {
    seed: options.seed ?? 42,
    workers: options.workers ?? 1,
  });
  const rows = bootstrapConfint(boot, { level, method: options.interval ?? "percentile" });
  const intervals: ConfidenceIntervals = {
    method: "boot",
    level,
    names: rows.map((row) => row.parameter),
    lower: rows.map((row) => row.lower),
    upper: rows.map((row) => row.upper),
  };
  return selectParameters(intervals, options.parameters);
}
