import { ModelError } from "@mixedmodels/core";
import type { BlockedSystem } from "./blocked-system";
import { MAX_AGQ_NODES } from "./glmm-options";
import type { OptimizationSummary } from "./model-types";

/**
 * What a fitted GLMM holds beyond θ and its optimization summary, for saving and restoring it
 * (MixedModels.jl's `saveoptsum` keeps θ and β). The conditional modes u are kept too: PIRLS
 * finds them from a warm start (the previous evaluation's mode), so computing them again at the
 * saved (β, θ) from u = 0 need not give the same bits.
 */
export interface GlmmSavedState {
  /** The fixed effects of the system (its `p` kept columns). */
  readonly beta: readonly number[];
  /** The spherical conditional modes (length q). */
  readonly u: readonly number[];
  readonly nAGQ: number;
  /** Whether θ alone was optimized (β inside PIRLS): then `finalTheta` is θ, otherwise [β; θ]. */
  readonly fast: boolean;
  /** PIRLS iterations of every evaluation, in fit-log order. */
  readonly pirlsIterations: readonly number[];
  /**
   * The covariance of β (p×p, column-major) from the Hessian the fit took, when it took one
   * (its Newton polish); absent: the restored model computes it at the optimum when asked.
   */
  readonly covariance?: readonly number[];
}

/**
 * θ, β, u and the covariance of β of a saved state, checked against the model's sizes and against the summary's
 * `finalTheta` (which for a joint fit also holds β).
 * @throws ModelError naming the first quantity that does not fit.
 */
export function restoredParameters(
  system: BlockedSystem,
  optsum: OptimizationSummary,
  state: GlmmSavedState,
): { theta: Float64Array; beta: Float64Array; u: Float64Array; covariance: Float64Array | null } {
  const { p, q } = system;
  const nTheta = system.layout.initialTheta().length;
  const expect = (what: string, length: number, wanted: number) => {
    if (length !== wanted) {
      throw new ModelError(`the saved ${what} has ${length} values, the model needs ${wanted}`);
    }
  };
  if (!Number.isInteger(state.nAGQ) || state.nAGQ < 1 || state.nAGQ > MAX_AGQ_NODES) {
    throw new ModelError(`the saved nAGQ must be an integer from 1 to ${MAX_AGQ_NODES}`);
  }
  expect("β", state.beta.length, p);
  expect("u", state.u.length, q);
  const final = optsum.finalTheta;
  expect("finalTheta", final.length, state.fast ? nTheta : p + nTheta);
  const beta = Float64Array.from(state.beta);
  if (!state.fast && final.slice(0, p).some((value, i) => !Object.is(value, beta[i]))) {
    throw new ModelError("the saved β differs from the β in finalTheta");
  }
  if (state.covariance !== undefined) expect("covariance", state.covariance.length, p * p);
  return {
    theta: Float64Array.from(final.slice(state.fast ? 0 : p)),
    beta,
    u: Float64Array.from(state.u),
    covariance: state.covariance === undefined ? null : Float64Array.from(state.covariance),
  };
}

/** The saved state of a fitted model with β, u and how it was fitted. */
export function savedStateOf(
  beta: Float64Array,
  u: Float64Array,
  fitState: Pick<GlmmSavedState, "nAGQ" | "fast" | "pirlsIterations"> & {
    readonly covariance: Float64Array | null;
  },
): GlmmSavedState {
  const { nAGQ, fast, pirlsIterations, covariance } = fitState;
  return {
    beta: [...beta],
    u: [...u],
    nAGQ,
    fast,
    pirlsIterations: [...pirlsIterations],
    ...(covariance === null ? {} : { covariance: [...covariance] }),
  };
}
