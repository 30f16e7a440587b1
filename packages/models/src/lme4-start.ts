import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/**
 * lme4's start for a linear mixed model whose random effects are all scalar intercepts, one term
 * per grouping factor (`(1 | s) + (1 | d)`): θ_i = √(v_i / v_e), where v_i is the variance of
 * the response's group means by factor i (R's `var(ave(y, f_i))`) and v_e = var(y) − Σ v_i
 * (lme4 1.1-31's mkLmerDevfun; weights and offsets are ignored there too). Null when the model
 * is of another kind or v_e ≤ 0, and the caller keeps θ = 1. Starting where lme4 does puts
 * BOBYQA on lme4's path and closer to the optimum than θ = 1.
 */
export function lme4InterceptStart(
  reterms: readonly RandomEffectsMatrix[],
  y: ArrayLike<number>,
): Float64Array | null {
  const n = y.length;
  if (n < 2 || reterms.length === 0) return null;
  for (const term of reterms) {
    if (term.s !== 1 || term.columnNames[0] !== "(Intercept)" || term.refs.length !== n) {
      return null;
    }
    for (let t = 0; t < n; t++) if (term.z[t] !== 1) return null;
  }
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t];
  mean /= n;
  let total = 0;
  for (let t = 0; t < n; t++) total += (y[t] - mean) * (y[t] - mean);
  const between = reterms.map((term) => {
    const sums = new Float64Array(term.levels.length);
    const counts = new Float64Array(term.levels.length);
    for (let t = 0; t < n; t++) {
      sums[term.refs[t]] += y[t];
      counts[term.refs[t]] += 1;
    }
    let sum = 0;
    for (let g = 0; g < sums.length; g++) {
      if (counts[g] === 0) continue;
      const deviation = sums[g] / counts[g] - mean;
      sum += counts[g] * deviation * deviation;
    }
    return sum / (n - 1);
  });
  let residual = total / (n - 1);
  for (const v of between) residual -= v;
  if (!(residual > 0)) return null;
  return Float64Array.from(between, (v) => Math.sqrt(v / residual));
}
