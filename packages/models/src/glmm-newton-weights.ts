import { type GlmWorkspace, observedWorkingWeights } from "@mixedmodels/families";
import type { GlmmResponse } from "./glmm-response";

/**
 * Newton's working weights and residuals for a non-canonical link (the observed information,
 * `observedWorkingWeights`), which PIRLS steps with so that it converges quadratically as it does
 * under a canonical link; the Laplace deviance keeps the expected weights (glmer's).
 */
export class NewtonWeights {
  readonly weights: Float64Array;
  readonly residuals: Float64Array;

  constructor(n: number) {
    this.weights = new Float64Array(n);
    this.residuals = new Float64Array(n);
  }

  /** From a workspace `updateFromEta` filled at η. */
  update(response: GlmmResponse, eta: Float64Array, glm: GlmWorkspace): void {
    const { family, link, y, priorWeights } = response;
    observedWorkingWeights(family, link, y, priorWeights, eta, glm, this.weights, this.residuals);
  }
}

/**
 * The working model's response z = η + r − `subtract`: the offset for the full system [Z X y]
 * (or nothing), offset + Xβ for the random-effects one (whose response is Zb + r).
 */
export function workingResponseInto(
  z: Float64Array,
  eta: Float64Array,
  residuals: Float64Array,
  subtract: Float64Array | null,
): void {
  const n = eta.length;
  if (subtract === null) {
    for (let t = 0; t < n; t++) z[t] = eta[t] + residuals[t];
  } else {
    for (let t = 0; t < n; t++) z[t] = eta[t] + residuals[t] - subtract[t];
  }
}
