import { ModelError } from "@mixedmodels/core";
import type { LinearMixedModel } from "@mixedmodels/models";
import { KenwardRoger } from "./kenward-roger";
import { Satterthwaite } from "./satterthwaite";
import { type VarianceDerivatives, varianceDerivatives } from "./variance-derivatives";

/** How the denominator degrees of freedom of t and F tests are found. */
export type DdfMethod = "satterthwaite" | "kenward-roger" | "none";

const ddfMethods: ReadonlySet<string> = new Set(["satterthwaite", "kenward-roger", "none"]);

/** Validate a user-given method name. @throws ModelError naming the value */
export function checkDdfMethod(value: unknown): DdfMethod {
  if (typeof value === "string" && ddfMethods.has(value)) return value as DdfMethod;
  throw new ModelError(
    `ddf must be "satterthwaite", "kenward-roger" or "none", got ${JSON.stringify(value)}`,
  );
}

interface CachedDerivatives {
  readonly theta: Float64Array;
  readonly objective: number;
  readonly derivatives: VarianceDerivatives;
  satterthwaite?: Satterthwaite;
  kenwardRoger?: KenwardRoger;
}

// coeftable, anova and the summary hooks ask for the same derivatives; a refit or a new θ
// (objective or θ changed) invalidates the entry.
const cache = new WeakMap<LinearMixedModel, CachedDerivatives>();

function cached(model: LinearMixedModel): CachedDerivatives {
  const theta = model.theta;
  const objective = model.objective;
  const entry = cache.get(model);
  if (
    entry !== undefined &&
    entry.objective === objective &&
    entry.theta.length === theta.length &&
    entry.theta.every((v, i) => v === theta[i])
  )
    return entry;
  const fresh: CachedDerivatives = { theta, objective, derivatives: varianceDerivatives(model) };
  cache.set(model, fresh);
  return fresh;
}

/** The Satterthwaite machinery at the model's estimates (computed once per fit). */
export function satterthwaiteFor(model: LinearMixedModel): Satterthwaite {
  const entry = cached(model);
  entry.satterthwaite ??= new Satterthwaite(entry.derivatives);
  return entry.satterthwaite;
}

/** The Kenward–Roger machinery (REML fits only). @throws ModelError for an ML fit */
export function kenwardRogerFor(model: LinearMixedModel): KenwardRoger {
  if (!model.reml)
    throw new ModelError("Kenward–Roger's method needs a REML fit (fit with reml: true)");
  const entry = cached(model);
  entry.kenwardRoger ??= new KenwardRoger(entry.derivatives);
  return entry.kenwardRoger;
}

/** The derivatives themselves (for tests and diagnostics). */
export function derivativesFor(model: LinearMixedModel): VarianceDerivatives {
  return cached(model).derivatives;
}
