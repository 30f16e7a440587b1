import {
  type BootstrapInterval,
  type BootstrapResult,
  confint as bootstrapConfint,
} from "@mixedmodels/bootstrap";
import { ModelError } from "@mixedmodels/core";
import {
  type BootstrapConfintOptions,
  type CoefficientTests,
  type ConfidenceIntervals,
  type ConfintOptions,
  checkDdfMethod,
  confintBootstrap,
  type DdfMethod,
  coeftable as testedCoeftable,
  confint as modelConfint,
} from "@mixedmodels/inference";
import type { CoefficientRow, LinearMixedModel, MixedModelBase } from "@mixedmodels/models";
import type { AnyModel } from "./accessors";

// The free functions of @mixedmodels/inference and @mixedmodels/bootstrap meet two names that
// the umbrella already had or that both packages define: `coeftable` (the accessor, Wald z) and
// `confint` (of a model, and of a bootstrap result). Each is one function here, choosing by its
// arguments, so `coeftable(m)` keeps lme4's z table and `confint(boot)` still works.

/** The df-tested methods of `coeftable` (`"none"` is the plain z table). */
export type TestedDdfMethod = Exclude<DdfMethod, "none">;

/**
 * The fixed-effects table. Without `ddf` (or `ddf: "none"`): estimates, standard errors, Wald z
 * and p, as the model's `coeftable()` (lme4's `summary`). With `ddf: "satterthwaite"` or
 * `"kenward-roger"` (linear models; Kenward–Roger on REML fits): lmerTest's t table with
 * denominator df, `{ ddf, rows: [{ name, estimate, stderror, df, statistic, p, aliased }] }`.
 * @example
 * coeftable(m); // [{ name: "(Intercept)", estimate, stderror, z, p, aliased }, ...]
 * coeftable(m, { ddf: "satterthwaite" }).rows[1].df; // 17.0, as lmerTest's summary
 * @throws ModelError for an unknown ddf, an unfitted model, a df method on a generalized model,
 *   or Kenward–Roger on an ML fit
 */
export function coeftable(
  model: MixedModelBase,
  options?: { readonly ddf?: "none" },
): CoefficientRow[];
export function coeftable(
  model: LinearMixedModel,
  options: { readonly ddf: TestedDdfMethod },
): CoefficientTests;
export function coeftable(
  model: LinearMixedModel,
  options: { readonly ddf?: DdfMethod },
): CoefficientRow[] | CoefficientTests;
export function coeftable(
  model: MixedModelBase,
  options: { readonly ddf?: DdfMethod } = {},
): CoefficientRow[] | CoefficientTests {
  const ddf = options.ddf === undefined ? "none" : checkDdfMethod(options.ddf);
  if (ddf === "none") return model.coeftable();
  return testedCoeftable(model as LinearMixedModel, { ddf });
}

/** Options of `confint(model, { method: "boot" })`: the bootstrap's and the interval's. */
export type ConfintBootOptions = BootstrapConfintOptions & { readonly method: "boot" };

/** Options of `confint(bootstrapResult)`. */
export interface BootstrapResultConfintOptions {
  readonly level?: number;
  /** Equal-tail percentiles (default, lme4's) or the shortest intervals (MixedModels.jl's). */
  readonly method?: "percentile" | "shortest";
}

/**
 * Confidence intervals, named as lme4 names them (`(Intercept)`, `sd_(Intercept)|Subject`,
 * `cor_Days.(Intercept)|Subject`, `sigma`):
 * - `confint(m)` or `{ method: "wald" }`: β̂ ± z·SE for the fixed effects (linear or generalized);
 * - `{ method: "profile" }`: from the likelihood profile, every parameter (linear models);
 * - `{ method: "boot", replicates, seed, workers }`: a parametric bootstrap, then percentile (or
 *   `interval: "shortest"`) intervals; returns a Promise;
 * - `confint(bootstrapResult, { level, method })`: intervals of a bootstrap already run
 *   (`parametricBootstrap`), one row per parameter.
 * @throws ModelError as `@mixedmodels/inference`'s confint and the bootstrap's
 */
export function confint(model: AnyModel, options: ConfintBootOptions): Promise<ConfidenceIntervals>;
export function confint(model: AnyModel, options?: ConfintOptions): ConfidenceIntervals;
export function confint(
  boot: BootstrapResult,
  options?: BootstrapResultConfintOptions,
): BootstrapInterval[];
export function confint(
  subject: AnyModel | BootstrapResult,
  options: ConfintOptions | ConfintBootOptions | BootstrapResultConfintOptions = {},
): ConfidenceIntervals | Promise<ConfidenceIntervals> | BootstrapInterval[] {
  if (isBootstrapResult(subject))
    return bootstrapConfint(subject, options as BootstrapResultConfintOptions);
  if (options.method === "boot") {
    const { method: _boot, ...rest } = options as ConfintBootOptions;
    return confintBootstrap(subject, rest);
  }
  if (options.method === "percentile" || options.method === "shortest")
    throw new ModelError(
      `confint of a model takes method "wald", "profile" or "boot"; "${options.method}" is for confint(bootstrapResult)`,
    );
  return modelConfint(subject, options as ConfintOptions);
}

function isBootstrapResult(value: unknown): value is BootstrapResult {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as { replicates?: unknown }).replicates) &&
    typeof (value as { names?: unknown }).names === "object"
  );
}
