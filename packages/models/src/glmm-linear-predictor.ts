import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/**
 * η += Zb: for each random-effects term j (b's block from `offsets[j]`, s values per level),
 * observation t adds Σ_r z[t, r]·b[level(t), r].
 */
export function addRandomEffects(
  eta: Float64Array,
  terms: readonly RandomEffectsMatrix[],
  offsets: ArrayLike<number>,
  b: Float64Array,
): void {
  const n = eta.length;
  for (let j = 0; j < terms.length; j++) {
    const { s, refs, z } = terms[j];
    const start = offsets[j];
    if (s === 1) {
      for (let t = 0; t < n; t++) eta[t] += z[t] * b[start + refs[t]];
      continue;
    }
    for (let t = 0; t < n; t++) {
      const base = start + refs[t] * s;
      let sum = 0;
      for (let r = 0; r < s; r++) sum += z[t * s + r] * b[base + r];
      eta[t] += sum;
    }
  }
}
