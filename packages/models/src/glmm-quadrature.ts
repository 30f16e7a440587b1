import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { expFast, log1pUnit, type SaturatedKind, saturatedTerms } from "@mixedmodels/families";
import { log } from "./elementary";
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
  const kernel = canonicalKernel(state.response);
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
    if (kernel === null) {
      for (let t = 0; t < refs.length; t++) {
        const j = refs[t];
        const eta = state.eta[t] + lambda * z[t] * (node / factor[j]);
        const w = priorWeights === null ? 1 : priorWeights[t];
        if (w !== 0) devc[j] += w * family.unitDeviance(y[t], link.inverse(eta));
      }
    } else {
      addKernelDeviances(kernel, state, node, devc);
    }
    for (let j = 0; j < levels; j++) {
      mult[j] += weight * expFast((node * node + devc0[j] - devc[j]) / 2);
    }
  }
  let total = 0;
  for (let j = 0; j < levels; j++) total += devc0[j] - 2 * log(mult[j]) + 2 * log(factor[j]);
  return total;
}

/** Beyond |η| = 30 R's logit clamps μ: those rows take the link and family functions. */
const LOGIT_THRESHOLD = 30;

/** The canonical pairs whose unit deviance is written in η (one exp and at most one log1p). */
type CanonicalKernel = SaturatedKind;

function canonicalKernel(response: GlmmResponse): CanonicalKernel | null {
  const family = response.family.name;
  const link = response.link.name;
  if (link === "logit" && (family === "binomial" || family === "bernoulli")) {
    return "logit-binomial";
  }
  if (link === "log" && family === "poisson") return "log-poisson";
  return null;
}

/**
 * devc_j += Σ_{t∈j} w_t·d(y_t, g⁻¹(η_t + λ z_t·node/L_jj)) with the unit deviance written in η,
 * so a row at a node costs one exp (and for the binomial one log1p) instead of the inverse link,
 * a division and the family's logarithms:
 *   logit, binomial: d = 2[y log y + (1−y) log(1−y) + log1p(e^−|η|) + y·max(−η, 0) + (1−y)·max(η, 0)]
 *     (−log μ and −log(1−μ) are the softplus of −η and η);
 *   log, Poisson: d = 2[y log y − y − yη + e^η] (2e^η for y = 0).
 * The η-free part (families' `saturatedTerms`, as `updateFromEta` uses) is computed once per
 * response. Rows where R's link clamps μ
 * (|η| > 30 for logit, e^η < ε for log) take the link and family functions, as at the mode.
 */
function addKernelDeviances(
  kernel: CanonicalKernel,
  state: QuadratureState,
  node: number,
  devc: Float64Array,
): void {
  const { term, factor, lambda } = state;
  const { family, link, y, priorWeights } = state.response;
  const { refs, z } = term;
  const etas = state.eta;
  const n = refs.length;
  const saturated = saturatedTerms(kernel, y);
  for (let t = 0; t < n; t++) {
    const w = priorWeights === null ? 1 : priorWeights[t];
    if (w === 0) continue;
    const j = refs[t];
    const eta = etas[t] + lambda * z[t] * (node / factor[j]);
    const yt = y[t];
    let d: number;
    if (kernel === "logit-binomial") {
      const a = Math.abs(eta);
      if (!(a <= LOGIT_THRESHOLD)) {
        d = family.unitDeviance(yt, link.inverse(eta));
      } else {
        const softplus = log1pUnit(expFast(-a));
        if (yt === 0) d = 2 * (softplus + (eta > 0 ? eta : 0));
        else if (yt === 1) d = 2 * (softplus + (eta < 0 ? -eta : 0));
        else d = 2 * (saturated[t] + softplus + (eta < 0 ? -yt * eta : (1 - yt) * eta));
      }
    } else {
      const mu = expFast(eta);
      if (!(mu >= Number.EPSILON)) d = family.unitDeviance(yt, link.inverse(eta));
      else if (yt === 0) d = 2 * mu;
      else d = 2 * (saturated[t] - yt * eta + mu);
    }
    devc[j] += w * d;
  }
}
