import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/**
 * The variance parameters γ of pbkrtest: V = Σ_i γ_i G_i with, per θ position (term k, row a,
 * column b of λ_k), γ = entry (a, b) of the covariance D_k = σ²λ_kλ_kᵀ and G = Z_k (I ⊗ E_ab) Z_kᵀ
 * (E_ab = e_a e_bᵀ + e_b e_aᵀ, or e_a e_aᵀ on the diagonal); the last γ is σ² with G = I. V is
 * linear in γ, so its second derivatives vanish (Kenward–Roger's R_ij = 0). The same positions as
 * θ, so amalgamated and zerocorr terms get exactly their free covariances.
 *
 * lmerTest's parameters φ = (θ, σ) map to γ smoothly; `jacobian` and `secondDerivatives` give
 * the chain rule that turns derivatives in γ into derivatives in φ.
 */
export class VarianceParameters {
  /** Number of γ (= length θ + 1). */
  readonly count: number;
  /** Per random-effects γ: the pairs (u, v) of random-effect indices with E_i[u, v] = 1. */
  readonly pairs: Int32Array[];
  /** Per random-effects γ: its term, and the row and column of λ (and of E) it sits at. */
  readonly term: Int32Array;
  readonly row: Int32Array;
  readonly col: Int32Array;

  constructor(
    private readonly reterms: readonly RandomEffectsMatrix[],
    offsets: Int32Array,
  ) {
    const positions: Array<[number, number, number]> = [];
    reterms.forEach((term, k) => {
      for (let i = 0; i < term.thetaRows.length; i++)
        positions.push([k, term.thetaRows[i], term.thetaCols[i]]);
    });
    this.count = positions.length + 1;
    this.term = Int32Array.from(positions.map((x) => x[0]));
    this.row = Int32Array.from(positions.map((x) => x[1]));
    this.col = Int32Array.from(positions.map((x) => x[2]));
    this.pairs = positions.map(([k, a, b]) => {
      const term = reterms[k];
      const levels = term.levels.length;
      const s = term.s;
      const out = new Int32Array((a === b ? 2 : 4) * levels);
      let e = 0;
      for (let level = 0; level < levels; level++) {
        const base = offsets[k] + level * s;
        out[e++] = base + a;
        out[e++] = base + b;
        if (a !== b) {
          out[e++] = base + b;
          out[e++] = base + a;
        }
      }
      return out;
    });
  }

  /** Whether γ_i is σ² (G = I). */
  isResidual(i: number): boolean {
    return i === this.count - 1;
  }

  /** E_i·N for a q×cols N (dense result). */
  applyE(i: number, source: Float64Array, q: number, cols: number): Float64Array {
    const out = new Float64Array(q * cols);
    const pairs = this.pairs[i];
    for (let e = 0; e < pairs.length; e += 2) {
      const u = pairs[e];
      const v = pairs[e + 1];
      for (let c = 0; c < cols; c++) out[u + c * q] += source[v + c * q];
    }
    return out;
  }

  /** tr(E_i M) for a q×q M. */
  traceEM(i: number, m: Float64Array, q: number): number {
    const pairs = this.pairs[i];
    let sum = 0;
    for (let e = 0; e < pairs.length; e += 2) sum += m[pairs[e + 1] + pairs[e] * q];
    return sum;
  }

  /** tr(E_i M E_j M) for a symmetric q×q M. */
  traceEMEM(i: number, j: number, m: Float64Array, q: number): number {
    const pi = this.pairs[i];
    const pj = this.pairs[j];
    let sum = 0;
    for (let e = 0; e < pi.length; e += 2) {
      const u = pi[e];
      const v = pi[e + 1];
      for (let f = 0; f < pj.length; f += 2) sum += m[v + pj[f] * q] * m[pj[f + 1] + u * q];
    }
    return sum;
  }

  /** xᵀ E_i y for q-vectors given as columns of q×cols matrices. */
  quadraticE(
    i: number,
    x: Float64Array,
    xColumn: number,
    y: Float64Array,
    yColumn: number,
    q: number,
  ) {
    const pairs = this.pairs[i];
    let sum = 0;
    for (let e = 0; e < pairs.length; e += 2)
      sum += x[pairs[e] + xColumn * q] * y[pairs[e + 1] + yColumn * q];
    return sum;
  }

  /**
   * ∂γ/∂φ (count × count, column-major), φ = (θ, σ), at λ's from θ and σ. For γ = σ²(λλᵀ)_ab:
   * ∂/∂λ_uc = σ²(δ_au λ_bc + δ_bu λ_ac), ∂/∂σ = 2σ(λλᵀ)_ab; for γ = σ²: ∂/∂σ = 2σ.
   */
  jacobian(lambdas: readonly Float64Array[], sigma: number): Float64Array {
    const n = this.count;
    const J = new Float64Array(n * n);
    for (let i = 0; i < n - 1; i++) {
      const k = this.term[i];
      const s = this.reterms[k].s;
      const lambda = lambdas[k];
      const a = this.row[i];
      const b = this.col[i];
      for (let m = 0; m < n - 1; m++) {
        if (this.term[m] !== k) continue;
        const u = this.row[m];
        const c = this.col[m];
        let d = 0;
        if (a === u) d += lambda[b + c * s];
        if (b === u) d += lambda[a + c * s];
        J[i + m * n] = sigma * sigma * d;
      }
      J[i + (n - 1) * n] = 2 * sigma * rowProduct(lambda, s, a, b);
    }
    J[n - 1 + (n - 1) * n] = 2 * sigma;
    return J;
  }

  /** ∂²γ_i/∂φ∂φᵀ (count × count) for one γ_i. */
  secondDerivatives(i: number, lambdas: readonly Float64Array[], sigma: number): Float64Array {
    const n = this.count;
    const h = new Float64Array(n * n);
    const last = n - 1;
    if (this.isResidual(i)) {
      h[last + last * n] = 2;
      return h;
    }
    const k = this.term[i];
    const s = this.reterms[k].s;
    const lambda = lambdas[k];
    const a = this.row[i];
    const b = this.col[i];
    for (let m = 0; m < last; m++) {
      if (this.term[m] !== k) continue;
      const u = this.row[m];
      const c = this.col[m];
      for (let mm = 0; mm < last; mm++) {
        if (this.term[mm] !== k || this.col[mm] !== c) continue;
        const uu = this.row[mm];
        let d = 0;
        if (a === u && b === uu) d += 1;
        if (b === u && a === uu) d += 1;
        h[m + mm * n] = sigma * sigma * d;
      }
      let d = 0;
      if (a === u) d += lambda[b + c * s];
      if (b === u) d += lambda[a + c * s];
      h[m + last * n] = 2 * sigma * d;
      h[last + m * n] = 2 * sigma * d;
    }
    h[last + last * n] = 2 * rowProduct(lambda, s, a, b);
    return h;
  }
}

/** (λλᵀ)_ab. */
function rowProduct(lambda: Float64Array, s: number, a: number, b: number): number {
  let sum = 0;
  for (let c = 0; c < s; c++) sum += lambda[a + c * s] * lambda[b + c * s];
  return sum;
}
