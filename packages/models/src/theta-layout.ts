import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/**
 * Where each element of θ lives: θ[i] is entry (rows[i], cols[i]) of λ for term terms[i]. θ is
 * the concatenation of the terms' free positions in the model's (sorted) term order.
 */
export class ThetaLayout {
  readonly length: number;
  readonly terms: Int32Array;
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  private readonly sizes: readonly number[];

  constructor(reterms: readonly RandomEffectsMatrix[]) {
    let length = 0;
    for (const term of reterms) length += term.thetaRows.length;
    this.length = length;
    this.terms = new Int32Array(length);
    this.rows = new Int32Array(length);
    this.cols = new Int32Array(length);
    this.sizes = reterms.map((term) => term.s);
    let i = 0;
    reterms.forEach((term, t) => {
      for (let k = 0; k < term.thetaRows.length; k++, i++) {
        this.terms[i] = t;
        this.rows[i] = term.thetaRows[k];
        this.cols[i] = term.thetaCols[k];
      }
    });
  }

  /** Whether θ[i] sits on a diagonal of λ (bounded below by 0). */
  isDiagonal(i: number): boolean {
    return this.rows[i] === this.cols[i];
  }

  /** The starting point: 1 on diagonal positions, 0 elsewhere (λ = I). */
  initialTheta(): Float64Array {
    const theta = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) theta[i] = this.isDiagonal(i) ? 1 : 0;
    return theta;
  }

  /** lme4's canonical bounds: 0 on diagonal positions, −∞ elsewhere. */
  lowerBounds(): Float64Array {
    const lower = new Float64Array(this.length);
    for (let i = 0; i < this.length; i++) lower[i] = this.isDiagonal(i) ? 0 : -Infinity;
    return lower;
  }

  /** Scatter θ into the λ matrices (s×s column-major, lower); other entries are left as they are. */
  scatter(theta: ArrayLike<number>, lambdas: readonly Float64Array[]): void {
    for (let i = 0; i < this.length; i++) {
      const s = this.sizes[this.terms[i]];
      lambdas[this.terms[i]][this.rows[i] + this.cols[i] * s] = theta[i];
    }
  }

  /** Gather θ from the λ matrices into `out`. */
  gather(lambdas: readonly Float64Array[], out: Float64Array): void {
    for (let i = 0; i < this.length; i++) {
      const s = this.sizes[this.terms[i]];
      out[i] = lambdas[this.terms[i]][this.rows[i] + this.cols[i] * s];
    }
  }

  /**
   * Canonical signs: flip every column of λ whose diagonal entry is negative, so each λ has a
   * non-negative diagonal. ΛΛᵀ, and so the objective, is unchanged.
   */
  rectify(theta: Float64Array): void {
    for (let i = 0; i < this.length; i++) {
      if (!this.isDiagonal(i) || !(theta[i] < 0)) continue;
      const term = this.terms[i];
      const column = this.cols[i];
      for (let k = 0; k < this.length; k++) {
        if (this.terms[k] === term && this.cols[k] === column) theta[k] = -theta[k];
      }
    }
  }
}
