import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { exp, log } from "./elementary";
import type { GlmmResponse } from "./glmm-response";

/** What the adaptive Gauss–Hermite deviance reads of an installed PIRLS mode. */
export interface QuadratureState {
  /** The single scalar random-effects term. */
  readonly term: RandomEffectsMatrix;
  /** The diagonal of L_ZZ (one value per level) under the working weights at the mode. */
  readonly factor: Float64Array;
  /** The term's λ (Λ = λI). */
  readonly lambda: number;
  readonly response: GlmmResponse;
  /** The conditional mode ũ. */
  readonly u: Float64Array;
  /** η at the mode, offset included. */
  readonly eta: Float64Array;
  /** Deviance contributions dᵢ at the mode. */
  readonly deviances: Float64Array;
}

/**
 * The adaptive Gauss–Hermite deviance for a single scalar random-effects term at the installed
 * mode (MixedModels.jl's deviance(m, nAGQ); method.md §2.5): per level j, with
 * devc0_j = ũ_j² + Σ_{i∈j} dᵢ and the conditional sd_j = 1/L_jj,
 * Σ_j devc0_j − 2 Σ_j log Σ_k w_k exp((z_k² + devc0_j − devc_j(ũ_j + z_k sd_j))/2) − 2 Σ_j log sd_j.
 * With one node (z = 0, w = 1) this is the Laplace deviance. `scratch` holds 3ℓ numbers.
 */
export function adaptiveGaussHermiteDeviance(
  state: QuadratureState,
  nodes: ArrayLike<number>,
  weights: ArrayLike<number>,
  scratch: Float64Array,
): number {
  const { term, factor, lambda, u } = state;
  const levels = term.levels.length;
  const { family, link, y, priorWeights } = state.response;
  const { refs, z } = term;
  const deviances = state.deviances;
  const devc0 = scratch.subarray(0, levels);
  const devc = scratch.subarray(levels, 2 * levels);
  const mult = scratch.subarray(2 * levels, 3 * levels);
  for (let j = 0; j < levels; j++) devc0[j] = u[j] * u[j];
  for (let t = 0; t < refs.length; t++) devc0[refs[t]] += deviances[t];
  mult.fill(0);
  for (let k = 0; k < nodes.length; k++) {
    const node = nodes[k];
    const weight = weights[k];
    if (weight === 0) continue;
    if (node === 0) {
      for (let j = 0; j < levels; j++) mult[j] += weight;
      continue;
    }
    for (let j = 0; j < levels; j++) {
      const shifted = u[j] + node / factor[j];
      devc[j] = shifted * shifted;
    }
    for (let t = 0; t < refs.length; t++) {
      const j = refs[t];
      const eta = state.eta[t] + lambda * z[t] * (node / factor[j]);
      const w = priorWeights === null ? 1 : priorWeights[t];
      if (w !== 0) devc[j] += w * family.unitDeviance(y[t], link.inverse(eta));
    }
    for (let j = 0; j < levels; j++) {
      mult[j] += weight * exp((node * node + devc0[j] - devc[j]) / 2);
    }
  }
  let total = 0;
  for (let j = 0; j < levels; j++) total += devc0[j] - 2 * log(mult[j]) + 2 * log(factor[j]);
  return total;
}
