import type { InterpolationSet } from "./interpolation-set";

/**
 * BOBYQA's model-improvement step (Powell's ALTMOV, by its description): a new position for the
 * interpolation point t, within `radius` of the best point and inside the box, chosen to make
 * |σ_t| — and so the conditioning of the new interpolation system — large. Candidates are the
 * points maximizing |ℓ_t| on each line through the best point and another interpolation point,
 * and steps along ±∇ℓ_t at the best point clipped to the box; the largest |σ_t| wins.
 */
export class GeometryStep {
  private readonly n: number;
  private readonly candidate: Float64Array;
  private readonly lagrange: Float64Array;
  private readonly lagrangeGradient: Float64Array;
  private readonly best: Float64Array;
  private readonly bestDisplacement: Float64Array;
  private readonly direction: Float64Array;

  constructor(n: number, npt: number) {
    this.n = n;
    this.bestDisplacement = new Float64Array(n);
    this.direction = new Float64Array(n);
    this.best = new Float64Array(n);
    this.candidate = new Float64Array(n);
    this.lagrange = new Float64Array(npt);
    this.lagrangeGradient = new Float64Array(n);
  }

  /** Writes the chosen point into `out`; returns its |σ_t| (0 when no candidate moved). */
  choose(
    set: InterpolationSet,
    t: number,
    radius: number,
    lower: Float64Array,
    upper: Float64Array,
    out: Float64Array,
  ): number {
    const { n } = this;
    const { npt, m, best } = set;
    const h = set.inverse;
    const s = set.displacements;
    const xBest = this.best;
    set.copyBest(xBest);
    const x = this.candidate;
    let bestSigma = 0;

    // ℓ_t(x) = H_t,npt + Σ_i H_t,npt+1+i·s_i + ½Σ_j H_tj·(s_jᵀs)² for s = (x − origin)/scale, so
    // along best + α(y_k − best), with u = s_k − s_best, it is c + aα + bα² where c = ℓ_t(best),
    // a = ∇ℓ_t(best)ᵀu and b = ½Σ_j H_tj·(s_jᵀu)².
    const sBest = this.bestDisplacement;
    for (let i = 0; i < n; i++) sBest[i] = s[best * n + i];
    const grad = this.lagrangeGradient;
    let constant = h[t + npt * m];
    for (let i = 0; i < n; i++) {
      grad[i] = h[t + (npt + 1 + i) * m];
      constant += grad[i] * sBest[i];
    }
    for (let j = 0; j < npt; j++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += s[j * n + i] * sBest[i];
      const weight = h[t + j * m];
      constant += 0.5 * weight * dot * dot;
      for (let i = 0; i < n; i++) grad[i] += weight * dot * s[j * n + i];
    }
    const u = this.direction;
    for (let k = 0; k < npt; k++) {
      if (k === best) continue;
      let slope = 0;
      let lengthSquared = 0;
      for (let i = 0; i < n; i++) {
        u[i] = s[k * n + i] - sBest[i];
        slope += grad[i] * u[i];
        lengthSquared += u[i] * u[i];
      }
      let curvature = 0;
      for (let j = 0; j < npt; j++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += s[j * n + i] * u[i];
        curvature += 0.5 * h[t + j * m] * dot * dot;
      }
      // α range: the ball of `radius` and the box, along y_k − best.
      const length = Math.sqrt(lengthSquared) * set.scale;
      let alphaHigh = radius / length;
      let alphaLow = -alphaHigh;
      for (let i = 0; i < n; i++) {
        const u = set.points[k * n + i] - xBest[i];
        if (u > 0) {
          alphaHigh = Math.min(alphaHigh, (upper[i] - xBest[i]) / u);
          alphaLow = Math.max(alphaLow, (lower[i] - xBest[i]) / u);
        } else if (u < 0) {
          alphaHigh = Math.min(alphaHigh, (lower[i] - xBest[i]) / u);
          alphaLow = Math.max(alphaLow, (upper[i] - xBest[i]) / u);
        }
      }
      const high = lagrangeMagnitude(constant, slope, curvature, alphaHigh);
      let alpha =
        high >= lagrangeMagnitude(constant, slope, curvature, alphaLow) ? alphaHigh : alphaLow;
      if (curvature !== 0) {
        const stationary = -slope / (2 * curvature);
        if (
          stationary > alphaLow &&
          stationary < alphaHigh &&
          lagrangeMagnitude(constant, slope, curvature, stationary) >
            lagrangeMagnitude(constant, slope, curvature, alpha)
        ) {
          alpha = stationary;
        }
      }
      if (alpha === 0) continue;
      for (let i = 0; i < n; i++) x[i] = xBest[i] + alpha * (set.points[k * n + i] - xBest[i]);
      bestSigma = this.consider(set, t, xBest, lower, upper, out, bestSigma);
    }

    // Steps along ±∇ℓ_t(best), of length `radius` over the coordinates not blocked by a bound.
    for (let sign = 1; sign >= -1; sign -= 2) {
      let normSquared = 0;
      for (let i = 0; i < n; i++) {
        const blocked =
          (sign * grad[i] > 0 && xBest[i] >= upper[i]) ||
          (sign * grad[i] < 0 && xBest[i] <= lower[i]);
        if (!blocked) normSquared += grad[i] * grad[i];
      }
      if (!(normSquared > 0)) continue;
      const factor = (sign * radius) / Math.sqrt(normSquared);
      for (let i = 0; i < n; i++) x[i] = xBest[i] + factor * grad[i];
      bestSigma = this.consider(set, t, xBest, lower, upper, out, bestSigma);
    }
    return bestSigma;
  }

  /**
   * Projects the candidate into the box; when it moved away from the best point and beats
   * `bestSigma`, copies it to `out`. Returns the new best |σ_t|.
   */
  private consider(
    set: InterpolationSet,
    t: number,
    xBest: Float64Array,
    lower: Float64Array,
    upper: Float64Array,
    out: Float64Array,
    bestSigma: number,
  ): number {
    const x = this.candidate;
    let moved = false;
    for (let i = 0; i < this.n; i++) {
      x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
      if (x[i] !== xBest[i]) moved = true;
    }
    if (!moved) return bestSigma;
    const beta = set.lagrangeAt(x, this.lagrange);
    const sigma = Math.abs(set.denominator(t, this.lagrange, beta));
    if (sigma <= bestSigma) return bestSigma;
    out.set(x);
    return sigma;
  }
}

/** |c + aα + bα²|: the size of a Lagrange function along a line. */
function lagrangeMagnitude(
  constant: number,
  slope: number,
  curvature: number,
  alpha: number,
): number {
  return Math.abs(constant + alpha * (slope + alpha * curvature));
}
