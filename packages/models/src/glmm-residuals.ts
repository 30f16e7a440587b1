import { devianceResidual, type GlmWorkspace, pearsonResidual } from "@mixedmodels/families";
import type { GlmmResponse } from "./glmm-response";

/** R's residual types of a GLM: y − μ, Pearson, deviance and working. */
export type GlmmResidualType = "response" | "pearson" | "deviance" | "working";

/** Residuals of the given type at μ (and dμ/dη for the working residuals). */
export function glmmResiduals(
  response: GlmmResponse,
  mu: Float64Array,
  muEta: Float64Array,
  type: GlmmResidualType,
): Float64Array {
  const { family, y, priorWeights } = response;
  const out = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const w = priorWeights === null ? 1 : priorWeights[t];
    switch (type) {
      case "response":
        out[t] = y[t] - mu[t];
        break;
      case "pearson":
        out[t] = pearsonResidual(family, y[t], mu[t], w);
        break;
      case "deviance":
        out[t] = devianceResidual(family, y[t], mu[t], w);
        break;
      case "working":
        out[t] = (y[t] - mu[t]) / muEta[t];
        break;
    }
  }
  return out;
}

/**
 * The penalized weighted residual sum of squares of the working model over n,
 * (Σ wᵢ·rᵢ² + ‖u‖²)/n: glmer's dispersion φ (its `sigmaML`²) for a family that has one.
 */
export function penalizedDispersion(glm: GlmWorkspace, penalty: number, n: number): number {
  const { workingWeights, workingResiduals } = glm;
  let sum = penalty;
  for (let t = 0; t < workingWeights.length; t++) {
    sum += workingWeights[t] * workingResiduals[t] * workingResiduals[t];
  }
  return sum / n;
}
