import type { FixedEffectsMatrix, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/**
 * The fixed part of the linear predictor, offset + Xβ, recomputed only when β has changed since
 * the last time (β stays fixed through a PIRLS run of the default fit).
 */
export class FixedPart {
  /** offset + Xβ at the β of the last `at`. */
  readonly values: Float64Array;
  private readonly beta: Float64Array;
  private valid = false;

  constructor(
    private readonly X: FixedEffectsMatrix,
    private readonly offset: Float64Array | null,
  ) {
    this.values = new Float64Array(X.n);
    this.beta = new Float64Array(X.p);
  }

  /** offset + Xβ (the array `values`). */
  at(beta: Float64Array): Float64Array {
    const { X, values } = this;
    const p = this.beta.length;
    if (this.valid) {
      let same = true;
      for (let c = 0; c < p && same; c++) same = beta[c] === this.beta[c];
      if (same) return values;
    }
    const n = values.length;
    if (this.offset === null) values.fill(0);
    else values.set(this.offset);
    for (let c = 0; c < p; c++) {
      const bc = beta[c];
      if (bc === 0) continue;
      for (let t = 0; t < n; t++) values[t] += X.data[t + c * n] * bc;
    }
    this.beta.set(beta);
    this.valid = true;
    return values;
  }
}

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
