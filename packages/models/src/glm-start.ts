import { ModelError } from "@mixedmodels/core";
import { startingValues, updateFromEta, createGlmWorkspace } from "@mixedmodels/families";
import { potrf, trsv } from "@mixedmodels/linalg";
import type { FixedEffectsMatrix } from "@mixedmodels/modelmatrix";
import type { GlmmResponse } from "./glmm-response";

/** R's glm.control: relative change of the deviance below 1e-8, at most 25 iterations. */
const GLM_TOLERANCE = 1e-8;
const GLM_MAX_ITERATIONS = 25;

/**
 * The fixed effects of the GLM without random effects, by iteratively reweighted least squares
 * from R's starting means (`mustart`): the starting β of a GLMM fit (MixedModels.jl fits the same
 * GLM). The kept columns of X are of full rank, so XᵀWX is positive definite for positive W.
 * @throws ModelError when the working weights vanish or the deviance does not stay finite.
 */
export function fitGlmStart(
  X: FixedEffectsMatrix,
  response: GlmmResponse,
  responseName: string,
): Float64Array {
  const n = X.n;
  const p = X.p;
  const beta = new Float64Array(p);
  if (p === 0) return beta;
  const { family, link, y, priorWeights, offset } = response;
  const rows = y.length;
  const workspace = createGlmWorkspace(rows);
  const eta = new Float64Array(rows);
  const mu = new Float64Array(rows);
  startingValues(
    family,
    link,
    y,
    { column: responseName, weights: priorWeights ?? undefined },
    mu,
    eta,
  );
  const gram = new Float64Array(p * p);
  const rhs = new Float64Array(p);
  const working = new Float64Array(rows);
  let deviance = updateFromEta(family, link, y, priorWeights, eta, workspace);
  for (let iteration = 0; iteration < GLM_MAX_ITERATIONS; iteration++) {
    const { workingWeights: w, workingResiduals: r } = workspace;
    // The working response without the offset: z = η − offset + (y − μ)/(dμ/dη).
    for (let t = 0; t < rows; t++) working[t] = eta[t] - (offset === null ? 0 : offset[t]) + r[t];
    gram.fill(0);
    rhs.fill(0);
    for (let c = 0; c < p; c++) {
      const xc = c * n;
      for (let t = 0; t < rows; t++) rhs[c] += X.data[xc + t] * w[t] * working[t];
      for (let d = c; d < p; d++) {
        const xd = d * n;
        let sum = 0;
        for (let t = 0; t < rows; t++) sum += X.data[xc + t] * w[t] * X.data[xd + t];
        gram[d + c * p] = sum;
      }
    }
    if (potrf(p, gram, 0, p) >= 0) {
      throw new ModelError(
        "the GLM for the starting values has vanishing working weights (is the response separated?)",
      );
    }
    beta.set(rhs);
    trsv(false, p, gram, 0, p, beta, 0, 1);
    trsv(true, p, gram, 0, p, beta, 0, 1);
    for (let t = 0; t < rows; t++) {
      let value = offset === null ? 0 : offset[t];
      for (let c = 0; c < p; c++) value += X.data[c * n + t] * beta[c];
      eta[t] = value;
    }
    const next = updateFromEta(family, link, y, priorWeights, eta, workspace);
    if (!Number.isFinite(next)) {
      throw new ModelError(
        `the GLM for the starting values diverged: its deviance is ${next} at iteration ${iteration + 1}`,
      );
    }
    const settled = Math.abs(next - deviance) / (Math.abs(next) + 0.1) < GLM_TOLERANCE;
    deviance = next;
    if (settled) break;
  }
  return beta;
}
