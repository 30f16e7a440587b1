import type { ModelParts } from "@mixedmodels/modelmatrix";
import { responseMinusOffset } from "./cross-product";
import { checkColumnMagnitudes, checkResponseVariation } from "./data-checks";
import { UserScale } from "./user-scale";

/**
 * Check the parts as they enter a linear model (overflow, no variation left after the offset),
 * then centre and scale their columns for the system (see `ColumnConditioning`).
 * @throws DataError naming the column
 */
export function conditionedColumns(parts: ModelParts): UserScale {
  checkColumnMagnitudes(parts);
  const response = responseMinusOffset(parts.y, parts.offset ?? null);
  checkResponseVariation(parts, response);
  return new UserScale(parts, response);
}

/** X̃β̃ + Z̃b̃ of the conditioned system (`offsets`: where each term's effects start in b). */
export function conditionedFittedValues(
  fitParts: ModelParts,
  offsets: Int32Array,
  beta: Float64Array,
  b: Float64Array,
): Float64Array {
  const { n, X, reterms } = fitParts;
  const out = new Float64Array(n);
  for (let c = 0; c < X.p; c++) {
    const bc = beta[c];
    for (let t = 0; t < n; t++) out[t] += X.data[t + c * n] * bc;
  }
  reterms.forEach((term, j) => {
    const s = term.s;
    const start = offsets[j];
    for (let t = 0; t < n; t++) {
      const base = start + term.refs[t] * s;
      let sum = 0;
      for (let r = 0; r < s; r++) sum += term.z[t * s + r] * b[base + r];
      out[t] += sum;
    }
  });
  return out;
}

/**
 * MixedModels.jl's fallback when the system is not positive definite at the initial θ: θ divided
 * by max|y|·max(w) (in place). Returns the divisor.
 */
export function rescaleInitialTheta(
  theta: Float64Array,
  response: Float64Array,
  weights: Float64Array | null,
): number {
  let maxY = 0;
  for (const value of response) maxY = Math.max(maxY, Math.abs(value));
  let maxW = 1;
  if (weights !== null) {
    maxW = Number.NEGATIVE_INFINITY;
    for (const w of weights) maxW = Math.max(maxW, w);
  }
  const scale = maxY * maxW;
  for (let i = 0; i < theta.length; i++) theta[i] /= scale;
  return scale;
}
