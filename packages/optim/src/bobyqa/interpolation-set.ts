import { invertInPlace } from "../common/invert-in-place";
import type { QuadraticModel } from "./quadratic-model";

/**
 * The npt interpolation points of BOBYQA with their values, and H, the inverse of the KKT matrix
 *
 *     W = [ A  Pᵀ ]    A_ij = ½(s_iᵀs_j)²,  P = [ 1 … 1 ; s_1 … s_npt ]
 *         [ P  0  ]
 *
 * where s_i = (y_i − origin)/scale are the points' displacements from a base point (the best
 * point when H was last built), divided by their largest length then, so that W stays well scaled
 * as the trust region shrinks. H gives the Lagrange functions of the set, the least-Frobenius-norm
 * quadratic through given residuals, and Powell's denominator σ = αβ + τ² of a point exchange.
 * An exchange updates H by Powell's rank-two formula in O(m²) ({@link exchange}); {@link factor}
 * rebuilds it in O(m³) about the current best point, which the algorithm does when the set is
 * seeded, when ρ shrinks (a new scale), when the best point has drifted far from the base, or
 * when an update's denominator is too small to trust.
 */
export class InterpolationSet {
  readonly n: number;
  readonly npt: number;
  /** npt + n + 1, the order of W and H. */
  readonly m: number;
  /** Point k occupies points[k·n … k·n + n − 1]. */
  readonly points: Float64Array;
  readonly values: Float64Array;
  /** Index of the best point (least value; the first on ties). */
  best = 0;
  /** Length of the farthest point from the best when H was built; displacements are divided by it. */
  scale = 1;
  /** The base point of the frame: the best point when H was built. */
  readonly origin: Float64Array;
  /** Exchanges by update since H was last built. */
  exchangesSinceFactor = 0;
  /** Scaled displacements s_k, laid out like `points`. */
  readonly displacements: Float64Array;
  /** H = W⁻¹, column-major m×m, valid after a successful {@link factor}. */
  readonly inverse: Float64Array;
  private readonly pivots: Int32Array;
  private readonly w: Float64Array;
  private readonly hw: Float64Array;
  private readonly column: Float64Array;
  private readonly exchangeLagrange: Float64Array;
  private readonly savedFrame: {
    readonly inverse: Float64Array;
    readonly displacements: Float64Array;
    readonly origin: Float64Array;
  };

  constructor(n: number, npt: number) {
    this.n = n;
    this.npt = npt;
    this.m = npt + n + 1;
    this.points = new Float64Array(npt * n);
    this.values = new Float64Array(npt);
    this.displacements = new Float64Array(npt * n);
    this.inverse = new Float64Array(this.m * this.m);
    this.pivots = new Int32Array(this.m);
    this.w = new Float64Array(this.m);
    this.hw = new Float64Array(this.m);
    this.column = new Float64Array(this.m);
    this.exchangeLagrange = new Float64Array(npt);
    this.origin = new Float64Array(n);
    this.savedFrame = {
      inverse: new Float64Array(this.m * this.m),
      displacements: new Float64Array(npt * n),
      origin: new Float64Array(n),
    };
  }

  /** Copies the best point into `out`. */
  copyBest(out: Float64Array): void {
    for (let i = 0; i < this.n; i++) out[i] = this.points[this.best * this.n + i];
  }

  /** Whether x is exactly one of the interpolation points. */
  contains(x: Float64Array): boolean {
    const n = this.n;
    for (let k = 0; k < this.npt; k++) {
      let same = true;
      for (let i = 0; i < n && same; i++) same = this.points[k * n + i] === x[i];
      if (same) return true;
    }
    return false;
  }

  /** Squared distance of point k from the best point. */
  distanceSquaredFromBest(k: number): number {
    const n = this.n;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const difference = this.points[k * n + i] - this.points[this.best * n + i];
      sum += difference * difference;
    }
    return sum;
  }

  /** Puts x (value f) in slot k; updates `best` (a strictly better value wins). */
  replace(k: number, x: Float64Array, f: number): void {
    for (let i = 0; i < this.n; i++) this.points[k * this.n + i] = x[i];
    this.values[k] = f;
    if (f < this.values[this.best]) this.best = k;
    else if (k === this.best) this.findBest();
  }

  private findBest(): void {
    let best = 0;
    for (let k = 1; k < this.npt; k++) if (this.values[k] < this.values[best]) best = k;
    this.best = best;
  }

  /** The farthest point's distance from the best, relative to the largest coordinate difference. */
  private longestDistanceWithoutUnderflow(): number {
    const { n, npt } = this;
    const base = this.best * n;
    let largest = 0;
    for (let k = 0; k < npt; k++) {
      for (let i = 0; i < n; i++) {
        largest = Math.max(largest, Math.abs(this.points[k * n + i] - this.points[base + i]));
      }
    }
    if (!(largest > 0)) return 0;
    let longestSquared = 0;
    for (let k = 0; k < npt; k++) {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const scaled = (this.points[k * n + i] - this.points[base + i]) / largest;
        sum += scaled * scaled;
      }
      longestSquared = Math.max(longestSquared, sum);
    }
    return largest * Math.sqrt(longestSquared);
  }

  /** Builds W about the best point and inverts it into H. False when W is singular. */
  factor(): boolean {
    const { n, npt, m } = this;
    const base = this.best * n;
    for (let i = 0; i < n; i++) this.origin[i] = this.points[base + i];
    this.exchangesSinceFactor = 0;
    let longestSquared = 0;
    for (let k = 0; k < npt; k++)
      longestSquared = Math.max(longestSquared, this.distanceSquaredFromBest(k));
    this.scale = Math.sqrt(longestSquared);
    if (!(longestSquared > 1e-280)) this.scale = this.longestDistanceWithoutUnderflow();
    if (!(this.scale > 0)) return false;
    for (let k = 0; k < npt; k++) {
      for (let i = 0; i < n; i++) {
        this.displacements[k * n + i] = (this.points[k * n + i] - this.origin[i]) / this.scale;
      }
    }
    const h = this.inverse;
    h.fill(0);
    for (let j = 0; j < npt; j++) {
      for (let i = 0; i <= j; i++) {
        let dot = 0;
        for (let c = 0; c < n; c++)
          dot += this.displacements[i * n + c] * this.displacements[j * n + c];
        const entry = 0.5 * dot * dot;
        h[i + j * m] = entry;
        h[j + i * m] = entry;
      }
      h[npt + j * m] = 1;
      h[j + npt * m] = 1;
      for (let c = 0; c < n; c++) {
        const entry = this.displacements[j * n + c];
        h[npt + 1 + c + j * m] = entry;
        h[j + (npt + 1 + c) * m] = entry;
      }
    }
    return invertInPlace(h, m, this.pivots);
  }

  /**
   * For the point x: fills `lagrange` (length ≥ npt) with the Lagrange functions' values ℓ_k(x)
   * and returns β = ½‖s_x‖⁴ − wᵀHw, so that replacing point t by x has denominator
   * σ_t = H_tt·β + ℓ_t(x)². Leaves w (x's column of the KKT matrix) and Hw in the work arrays for
   * {@link exchange}.
   */
  lagrangeAt(x: Float64Array, lagrange: Float64Array): number {
    const { n, npt, m, w, hw } = this;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      const s = (x[i] - this.origin[i]) / this.scale;
      w[npt + 1 + i] = s;
      sxx += s * s;
    }
    for (let k = 0; k < npt; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += this.displacements[k * n + i] * w[npt + 1 + i];
      w[k] = 0.5 * dot * dot;
    }
    w[npt] = 1;
    let whw = 0;
    for (let r = 0; r < m; r++) {
      let sum = 0;
      for (let c = 0; c < m; c++) sum += this.inverse[r + c * m] * w[c];
      hw[r] = sum;
      whw += w[r] * sum;
    }
    for (let k = 0; k < npt; k++) lagrange[k] = hw[k];
    return 0.5 * sxx * sxx - whw;
  }

  /** Powell's denominator σ_t for replacing point t, given `lagrangeAt`'s outputs. */
  denominator(t: number, lagrange: Float64Array, beta: number): number {
    return this.inverse[t + t * this.m] * beta + lagrange[t] * lagrange[t];
  }

  /**
   * Adds to `model` the quadratic of least Hessian Frobenius norm that interpolates the residuals
   * f(y_k) − Q(y_k), so that afterwards Q interpolates every point: the least-change update. The
   * model is recentred at the best point first. Needs a current {@link factor}.
   */
  updateModel(model: QuadraticModel, residuals: Float64Array): void {
    const { n, npt, m } = this;
    for (let k = 0; k < npt; k++) residuals[k] = this.values[k] - model.value(this.points, k * n);
    // The correction below is a quadratic expanded about the origin of H's frame.
    model.recenter(this.origin);
    const coefficients = this.hw;
    for (let r = 0; r < m; r++) {
      let sum = 0;
      for (let k = 0; k < npt; k++) sum += this.inverse[r + k * m] * residuals[k];
      coefficients[r] = sum;
    }
    model.constant += coefficients[npt];
    const inverseScale = 1 / this.scale;
    for (let i = 0; i < n; i++) model.gradient[i] += coefficients[npt + 1 + i] * inverseScale;
    const curvatureScale = inverseScale * inverseScale;
    for (let k = 0; k < npt; k++) {
      const lambda = coefficients[k] * curvatureScale;
      if (lambda === 0) continue;
      for (let j = 0; j < n; j++) {
        const sj = lambda * this.displacements[k * n + j];
        for (let i = 0; i < n; i++) model.hessian[i + j * n] += sj * this.displacements[k * n + i];
      }
    }
    model.recenter(this.points, this.best * n);
  }

  /**
   * Replaces point t by x (value f) and updates H = W⁻¹ by Powell's formula (2004, eq. 4.11):
   *   H⁺ = H + [α·v vᵀ − β·u uᵀ + τ·(u vᵀ + v uᵀ)] / σ,   u = H e_t,  v = e_t − Hw,
   * with α = H_tt, τ = ℓ_t(x), β from {@link lagrangeAt}, σ = αβ + τ². O(m²) instead of the
   * O(m³) rebuild. Returns false, changing nothing, when |σ| is too small for the update to keep
   * its accuracy (then the caller rebuilds with {@link factor}).
   */
  exchange(t: number, x: Float64Array, f: number): boolean {
    const { n, npt, m, w, hw, column } = this;
    const h = this.inverse;
    const beta = this.lagrangeAt(x, this.exchangeLagrange);
    const alpha = h[t + t * m];
    const tau = hw[t];
    const sigma = alpha * beta + tau * tau;
    // Powell keeps |σ| large by his choice of t; a value this small is cancellation, not signal.
    if (
      !(Math.abs(sigma) > 1e-10 * (Math.abs(alpha * beta) + tau * tau)) ||
      !Number.isFinite(sigma)
    ) {
      return false;
    }
    for (let r = 0; r < m; r++) column[r] = h[r + t * m];
    // v = e_t − Hw overwrites hw.
    for (let r = 0; r < m; r++) hw[r] = (r === t ? 1 : 0) - hw[r];
    const scaleV = alpha / sigma;
    const scaleU = -beta / sigma;
    const scaleMixed = tau / sigma;
    for (let c = 0; c < m; c++) {
      const vc = hw[c];
      const uc = column[c];
      for (let r = 0; r < m; r++) {
        const vr = hw[r];
        const ur = column[r];
        h[r + c * m] += scaleV * vr * vc + scaleU * ur * uc + scaleMixed * (ur * vc + vr * uc);
      }
    }
    for (let i = 0; i < n; i++) {
      this.points[t * n + i] = x[i];
      this.displacements[t * n + i] = w[npt + 1 + i];
    }
    this.values[t] = f;
    if (f < this.values[this.best]) this.best = t;
    else if (t === this.best) this.findBest();
    this.exchangesSinceFactor++;
    return true;
  }

  /**
   * How far the updated H has drifted from W⁻¹, seen through the newest point's column: the
   * largest |(H w_t − e_t)_r| for the point t of the last {@link exchange} (w_t, W's new column
   * t, is still in the work array but for its own entry ½‖s_t‖⁴). Rounding in the rank-two
   * updates compounds, so the algorithm rebuilds when this grows.
   */
  lastExchangeError(t: number): number {
    const { n, m, w } = this;
    const h = this.inverse;
    let sxx = 0;
    for (let i = 0; i < n; i++)
      sxx += this.displacements[t * n + i] * this.displacements[t * n + i];
    w[t] = 0.5 * sxx * sxx;
    let worst = 0;
    for (let r = 0; r < m; r++) {
      let sum = 0;
      for (let c = 0; c < m; c++) sum += h[r + c * m] * w[c];
      worst = Math.max(worst, Math.abs(sum - (r === t ? 1 : 0)));
    }
    return worst;
  }

  /**
   * {@link factor} about the current best point, keeping the current H, frame and displacements
   * when the rebuilt W would be singular. Returns whether H was rebuilt.
   */
  refactor(): boolean {
    const saved = this.savedFrame;
    saved.inverse.set(this.inverse);
    saved.displacements.set(this.displacements);
    saved.origin.set(this.origin);
    const savedScale = this.scale;
    if (this.factor()) return true;
    this.inverse.set(saved.inverse);
    this.displacements.set(saved.displacements);
    this.origin.set(saved.origin);
    this.scale = savedScale;
    return false;
  }

  /** Squared distance of the best point from the origin of H's frame, in the frame's units. */
  bestDriftSquared(): number {
    const { n } = this;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const s = this.displacements[this.best * n + i];
      sum += s * s;
    }
    return sum;
  }
}
