import { normalTwoSidedPValue } from "@mixedmodels/distributions";
import { trsm } from "@mixedmodels/linalg";
import type { FixedEffectsMatrix } from "@mixedmodels/modelmatrix";
import type { BlockedSystem } from "./blocked-system";
import type { CoefficientRow } from "./model-types";

// Fixed-effects accessors shared by linear and generalized models: both read β and the
// precision of β from the blocked factor, L_XX L_XXᵀ (under the working weights for a GLMM).

/** β of the kept columns spread over every column of X in original order; −0 where aliased. */
export function expandCoefficients(X: FixedEffectsMatrix, beta: Float64Array): Float64Array {
  const out = new Float64Array(X.allNames.length).fill(-0);
  X.kept.forEach((column, i) => {
    out[column] = beta[i];
  });
  return out;
}

/** L_XX⁻¹ (p×p, column-major) from a successfully updated factor. */
export function fixedFactorInverse(system: BlockedSystem): Float64Array {
  const { p } = system;
  const inverse = new Float64Array(p * p);
  for (let i = 0; i < p; i++) inverse[i + i * p] = 1;
  trsm("left", false, p, p, 1, system.fixedBlock.values, 0, p + 1, inverse, 0, p);
  return inverse;
}

/**
 * scale²·(L_XX L_XXᵀ)⁻¹ for every column of X (original order; NaN rows and columns for aliased
 * columns), column-major, allNames².
 */
export function fixedEffectsCovariance(
  X: FixedEffectsMatrix,
  inverse: Float64Array,
  scale: number,
): Float64Array {
  const p = X.p;
  const m = X.allNames.length;
  const scale2 = scale * scale;
  const out = new Float64Array(m * m).fill(Number.NaN);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      let sum = 0;
      for (let r = 0; r < p; r++) sum += inverse[r + a * p] * inverse[r + b * p];
      out[X.kept[a] + X.kept[b] * m] = scale2 * sum;
    }
  }
  return out;
}

/** scale times the column norms of L_XX⁻¹ per column of X (NaN where aliased). */
export function fixedEffectsStandardErrors(
  X: FixedEffectsMatrix,
  inverse: Float64Array,
  scale: number,
): Float64Array {
  const p = X.p;
  const out = new Float64Array(X.allNames.length).fill(Number.NaN);
  for (let c = 0; c < p; c++) {
    let sum = 0;
    for (let r = 0; r < p; r++) sum += inverse[r + c * p] ** 2;
    out[X.kept[c]] = scale * Math.sqrt(sum);
  }
  return out;
}

/** Estimates, standard errors, Wald z and two-sided p-values, original column order. */
export function coefficientTable(
  X: FixedEffectsMatrix,
  estimates: Float64Array,
  errors: Float64Array,
): CoefficientRow[] {
  const aliased = new Set(X.aliased);
  return X.allNames.map((name, i) => {
    const z = estimates[i] / errors[i];
    return {
      name,
      estimate: estimates[i],
      stderror: errors[i],
      z,
      p: normalTwoSidedPValue(z),
      aliased: aliased.has(name),
    };
  });
}

/** A p×p covariance of the kept coefficients spread over every column of X (NaN where aliased). */
export function expandCovariance(X: FixedEffectsMatrix, covariance: Float64Array): Float64Array {
  const p = X.p;
  const m = X.allNames.length;
  const out = new Float64Array(m * m).fill(Number.NaN);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) out[X.kept[a] + X.kept[b] * m] = covariance[a + b * p];
  }
  return out;
}

/** Square roots of the diagonal of a p×p covariance per column of X (NaN where aliased). */
export function standardErrorsFromCovariance(
  X: FixedEffectsMatrix,
  covariance: Float64Array,
): Float64Array {
  const p = X.p;
  const out = new Float64Array(X.allNames.length).fill(Number.NaN);
  for (let c = 0; c < p; c++) out[X.kept[c]] = Math.sqrt(covariance[c + c * p]);
  return out;
}
