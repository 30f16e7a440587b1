import { type Block, blockIndex } from "@mixedmodels/linalg";
import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/** What the start reads: the blocks of A = [Z X y]ᵀ[Z X y] and their layout. */
export interface CrossProductView {
  readonly reterms: readonly RandomEffectsMatrix[];
  readonly crossProduct: readonly Block[];
  /** The number of terms k; block (k, k) is [X y]ᵀ[X y]. */
  readonly k: number;
  readonly n: number;
  readonly p: number;
  readonly logWeightSum: number;
}

/**
 * lme4's start for a linear mixed model whose random effects are all scalar intercepts, one term
 * per grouping factor (`(1 | s) + (1 | d)`): θ_i = √(v_i / v_e), where v_i is the variance of the
 * response's group means by factor i (R's `var(ave(y, f_i))`) and v_e = var(y) − Σ v_i
 * (lme4 1.1-31's mkLmerDevfun). Starting where lme4 does puts BOBYQA on lme4's path and closer
 * to the optimum than θ = 1.
 *
 * The variances are read from A rather than the rows, so that a model built from cross-products
 * (DuckDB) starts where the in-memory one does: with s_g = (Z_iᵀy)_g and c_g = (Z_iᵀZ_i)_gg,
 * (n − 1)·v_i = Σ s_g²/c_g − (Σ s_g)²/Σ c_g and (n − 1)·var(y) = yᵀy − (Σ s_g)²/Σ c_g. Both are
 * unchanged by shifting or scaling y, so A's conditioned ỹ gives the user's θ. Two departures from
 * lme4, which reads the raw response: y is y − offset (A holds no other), and a weighted model
 * keeps θ = 1 (lme4 ignores the weights here; A holds only weighted sums).
 *
 * Null when the model is of another kind, weighted, or v_e ≤ 0; the caller keeps θ = 1.
 */
export function lme4InterceptStart(system: CrossProductView): Float64Array | null {
  const { reterms, crossProduct, k, n, p } = system;
  if (n < 2 || k === 0) return null;
  // Σ log w = 0 and Σ w = n hold together only for unit weights (Σ log w < 0 otherwise, by AM-GM).
  if (system.logWeightSum !== 0) return null;
  const fixedGram = crossProduct[blockIndex(k, k)];
  if (fixedGram.kind !== "dense") return null;
  const yty = fixedGram.values[(p + 1) * (p + 1) - 1];
  const between = new Float64Array(k);
  let centredTotal = Number.NaN;
  for (let i = 0; i < k; i++) {
    const term = reterms[i];
    if (term.s !== 1 || term.columnNames[0] !== "(Intercept)") return null;
    const counts = crossProduct[blockIndex(i, i)];
    const responseByLevel = crossProduct[blockIndex(k, i)];
    if (counts.kind !== "diagonal" || responseByLevel.kind !== "dense") return null;
    let countSum = 0;
    let responseSum = 0;
    let squaredMeans = 0;
    for (let g = 0; g < counts.rows; g++) {
      const c = counts.values[g];
      if (c === 0) continue;
      const s = responseByLevel.values[g * (p + 1) + p];
      countSum += c;
      responseSum += s;
      squaredMeans += (s * s) / c;
    }
    if (countSum !== n) return null;
    const grandMeanSquares = (responseSum * responseSum) / countSum;
    between[i] = squaredMeans - grandMeanSquares;
    if (i === 0) centredTotal = yty - grandMeanSquares;
  }
  let residual = centredTotal;
  for (const v of between) residual -= v;
  if (!(residual > 0)) return null;
  return Float64Array.from(between, (v) => Math.sqrt(Math.max(v, 0) / residual));
}
