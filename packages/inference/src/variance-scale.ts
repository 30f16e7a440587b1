import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { lambdasFromTheta } from "./marginal-moments";

/**
 * lme4's profiling parameters for the variance components (its `devfun2`): per θ position, a
 * standard deviation (diagonal positions) or a correlation (off-diagonal), then σ — named
 * `sd_(Intercept)|Subject`, `cor_Days.(Intercept)|Subject`, `sigma`.
 */
export class VarianceScale {
  readonly names: readonly string[];
  /** Whether parameter i is a correlation (else a standard deviation, or σ last). */
  readonly isCorrelation: readonly boolean[];
  private readonly terms: Int32Array;
  private readonly rows: Int32Array;
  private readonly cols: Int32Array;

  constructor(private readonly reterms: readonly RandomEffectsMatrix[]) {
    const names: string[] = [];
    const correlation: boolean[] = [];
    const terms: number[] = [];
    const rows: number[] = [];
    const cols: number[] = [];
    reterms.forEach((term, k) => {
      for (let i = 0; i < term.thetaRows.length; i++) {
        const a = term.thetaRows[i];
        const b = term.thetaCols[i];
        names.push(
          a === b
            ? `sd_${term.columnNames[a]}|${term.group}`
            : `cor_${term.columnNames[a]}.${term.columnNames[b]}|${term.group}`,
        );
        correlation.push(a !== b);
        terms.push(k);
        rows.push(a);
        cols.push(b);
      }
    });
    names.push("sigma");
    correlation.push(false);
    this.names = names;
    this.isCorrelation = correlation;
    this.terms = Int32Array.from(terms);
    this.rows = Int32Array.from(rows);
    this.cols = Int32Array.from(cols);
  }

  get length(): number {
    return this.names.length;
  }

  /** Lower and upper bounds: sd, σ ≥ 0; correlations in [−1, 1]. */
  bounds(i: number): [number, number] {
    return this.isCorrelation[i] ? [-1, 1] : [0, Number.POSITIVE_INFINITY];
  }

  /** (sds, correlations, σ) from θ and σ: σ‖row of λ‖ and the rows' cosines. */
  fromTheta(theta: ArrayLike<number>, sigma: number): Float64Array {
    const lambdas = lambdasFromTheta(this.reterms, theta);
    const out = new Float64Array(this.length);
    for (let i = 0; i < this.length - 1; i++) {
      const k = this.terms[i];
      const s = this.reterms[k].s;
      const lambda = lambdas[k];
      const norm = (r: number) => Math.sqrt(rowDot(lambda, s, r, r));
      const a = this.rows[i];
      const b = this.cols[i];
      if (a === b) out[i] = sigma * norm(a);
      else {
        const denominator = norm(a) * norm(b);
        out[i] = denominator === 0 ? 0 : rowDot(lambda, s, a, b) / denominator;
      }
    }
    out[this.length - 1] = sigma;
    return out;
  }

  /**
   * θ from (sds, correlations, σ): λ_k = chol(S R S)/σ per term. Null when a correlation matrix
   * is not positive semi-definite or σ ≤ 0 (the deviance is then +∞).
   */
  toTheta(values: ArrayLike<number>): Float64Array | null {
    const sigma = values[this.length - 1];
    if (!(sigma > 0)) return null;
    const covariances = this.reterms.map((term) => new Float64Array(term.s * term.s));
    const sds = this.reterms.map((term) => new Float64Array(term.s));
    for (let i = 0; i < this.length - 1; i++) {
      if (this.rows[i] === this.cols[i]) sds[this.terms[i]][this.rows[i]] = values[i];
    }
    for (let i = 0; i < this.length - 1; i++) {
      const k = this.terms[i];
      const s = this.reterms[k].s;
      const a = this.rows[i];
      const b = this.cols[i];
      const value = a === b ? values[i] * values[i] : values[i] * sds[k][a] * sds[k][b];
      covariances[k][a + b * s] = value;
      covariances[k][b + a * s] = value;
    }
    const theta = new Float64Array(this.length - 1);
    const lambdas: Float64Array[] = [];
    for (let k = 0; k < this.reterms.length; k++) {
      const lambda = semidefiniteCholesky(this.reterms[k].s, covariances[k]);
      if (lambda === null) return null;
      lambdas.push(lambda);
    }
    for (let i = 0; i < this.length - 1; i++) {
      const s = this.reterms[this.terms[i]].s;
      theta[i] = lambdas[this.terms[i]][this.rows[i] + this.cols[i] * s] / sigma;
    }
    return theta;
  }
}

/** (λλᵀ)_ab. */
function rowDot(lambda: Float64Array, s: number, a: number, b: number): number {
  let sum = 0;
  for (let c = 0; c < s; c++) sum += lambda[a + c * s] * lambda[b + c * s];
  return sum;
}

/**
 * Lower Cholesky factor of a positive semi-definite s×s matrix; a zero pivot (an sd of 0, or a
 * correlation of ±1) gives a zero column. Null when the matrix is indefinite.
 */
function semidefiniteCholesky(s: number, a: Float64Array): Float64Array | null {
  const l = new Float64Array(s * s);
  let scale = 0;
  for (let i = 0; i < s; i++) scale = Math.max(scale, Math.abs(a[i + i * s]));
  const tiny = 1e-14 * scale;
  for (let j = 0; j < s; j++) {
    let d = a[j + j * s];
    for (let k = 0; k < j; k++) d -= l[j + k * s] ** 2;
    if (d < -1e-10 * scale) return null;
    if (d <= tiny) {
      for (let i = j + 1; i < s; i++) {
        let v = a[i + j * s];
        for (let k = 0; k < j; k++) v -= l[i + k * s] * l[j + k * s];
        if (Math.abs(v) > 1e-8 * scale) return null;
      }
      continue;
    }
    const root = Math.sqrt(d);
    l[j + j * s] = root;
    for (let i = j + 1; i < s; i++) {
      let v = a[i + j * s];
      for (let k = 0; k < j; k++) v -= l[i + k * s] * l[j + k * s];
      l[i + j * s] = v / root;
    }
  }
  return l;
}
