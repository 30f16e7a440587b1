import { cos, sin } from "@mixedmodels/math";
import type { QuadraticModel } from "./quadratic-model";

/** What {@link TrustRegionSolver.solve} found besides the step itself. */
export interface TrustRegionOutcome {
  /** ‖d‖. */
  readonly length: number;
  /** Predicted change Q(x+d) − Q(x) (≤ 0). */
  readonly predictedChange: number;
  /**
   * Least curvature dᵀGd/‖d‖² met along the conjugate-gradient path when the step stayed inside
   * the trust region; 0 when it reached the trust-region boundary; −1 when unknown.
   */
  readonly leastCurvature: number;
}

/**
 * Approximately minimizes the model Q(center + d) subject to ‖d‖ ≤ Δ and lower ≤ center + d ≤
 * upper, as BOBYQA's TRSBOX does: truncated conjugate gradients on the free variables; a variable
 * that reaches a bound is fixed there and CG restarts on the rest; once the step reaches the
 * trust-region boundary, it is improved by rotations d(φ) = cos φ·d + sin φ·s on the sphere
 * within the free variables, while the bounds allow.
 */
export class TrustRegionSolver {
  readonly n: number;
  /** The step found by the last {@link solve}. */
  readonly step: Float64Array;
  private readonly fixed: Uint8Array;
  private readonly gradient: Float64Array;
  private readonly direction: Float64Array;
  private readonly hessianTimesDirection: Float64Array;
  private readonly tangent: Float64Array;
  private readonly hessianTimesStep: Float64Array;
  private readonly hessianTimesTangent: Float64Array;
  /** Coefficients of the model along the circle (see {@link circleChange}). */
  private readonly circle = new Float64Array(5);

  constructor(n: number) {
    this.n = n;
    this.step = new Float64Array(n);
    this.fixed = new Uint8Array(n);
    this.gradient = new Float64Array(n);
    this.direction = new Float64Array(n);
    this.hessianTimesDirection = new Float64Array(n);
    this.tangent = new Float64Array(n);
    this.hessianTimesStep = new Float64Array(n);
    this.hessianTimesTangent = new Float64Array(n);
  }

  /** Fills {@link step} for the model centred at its best point x = model.center. */
  solve(
    model: QuadraticModel,
    lower: Float64Array,
    upper: Float64Array,
    radius: number,
  ): TrustRegionOutcome {
    const n = this.n;
    const x = model.center;
    const d = this.step;
    const g = this.gradient;
    const p = this.direction;
    const gp = this.hessianTimesDirection;
    d.fill(0);
    g.set(model.gradient);
    for (let i = 0; i < n; i++) {
      this.fixed[i] = (x[i] <= lower[i] && g[i] >= 0) || (x[i] >= upper[i] && g[i] <= 0) ? 1 : 0;
    }
    const radiusSquared = radius * radius;
    let totalReduction = 0;
    let leastCurvature = -1;
    let onBoundary = false;

    // Conjugate gradients, restarted whenever a variable becomes fixed at a bound.
    restarts: for (let restart = 0; restart <= n; restart++) {
      let previousGradientSquared = 0;
      p.fill(0);
      for (let iteration = 0; iteration < n; iteration++) {
        let gradientSquared = 0;
        for (let i = 0; i < n; i++) if (!this.fixed[i]) gradientSquared += g[i] * g[i];
        if (gradientSquared === 0) break restarts;
        const beta = iteration === 0 ? 0 : gradientSquared / previousGradientSquared;
        previousGradientSquared = gradientSquared;
        let pp = 0;
        let gDotP = 0;
        let dp = 0;
        let dd = 0;
        for (let i = 0; i < n; i++) {
          p[i] = this.fixed[i] ? 0 : -g[i] + beta * p[i];
          pp += p[i] * p[i];
          gDotP += g[i] * p[i];
          dp += d[i] * p[i];
          dd += d[i] * d[i];
        }
        if (!(gDotP < 0) || pp === 0) break restarts;
        const room = radiusSquared - dd;
        if (room <= 0) {
          onBoundary = true;
          break restarts;
        }
        const toSphere = room / (dp + Math.sqrt(dp * dp + pp * room));
        let toBound = Number.POSITIVE_INFINITY;
        let boundIndex = -1;
        for (let i = 0; i < n; i++) {
          if (p[i] > 0) {
            const limit = (upper[i] - x[i] - d[i]) / p[i];
            if (limit < toBound) {
              toBound = limit;
              boundIndex = i;
            }
          } else if (p[i] < 0) {
            const limit = (lower[i] - x[i] - d[i]) / p[i];
            if (limit < toBound) {
              toBound = limit;
              boundIndex = i;
            }
          }
        }
        toBound = Math.max(toBound, 0);
        model.hessianTimes(p, gp);
        let curvature = 0;
        for (let i = 0; i < n; i++) curvature += p[i] * gp[i];
        let stepLength = toSphere;
        if (curvature > 0) {
          stepLength = Math.min(stepLength, -gDotP / curvature);
          const ratio = curvature / pp;
          leastCurvature = leastCurvature < 0 ? ratio : Math.min(leastCurvature, ratio);
        }
        const hitsBound = toBound < stepLength;
        if (hitsBound) stepLength = toBound;
        const reduction = -stepLength * (gDotP + 0.5 * stepLength * curvature);
        totalReduction += reduction;
        for (let i = 0; i < n; i++) {
          d[i] += stepLength * p[i];
          g[i] += stepLength * gp[i];
        }
        if (hitsBound) {
          const i = boundIndex;
          d[i] = (p[i] > 0 ? upper[i] : lower[i]) - x[i];
          this.fixed[i] = 1;
          continue restarts;
        }
        if (stepLength === toSphere) {
          onBoundary = true;
          break restarts;
        }
        if (reduction <= 0.01 * totalReduction) break restarts;
      }
      break;
    }

    if (onBoundary) {
      leastCurvature = 0;
      this.rotateOnSphere(model, lower, upper, totalReduction);
    }
    let dd = 0;
    for (let i = 0; i < n; i++) {
      // Rounding must never carry the trial point across a bound.
      d[i] = Math.min(Math.max(d[i], lower[i] - x[i]), upper[i] - x[i]);
      dd += d[i] * d[i];
    }
    return { length: Math.sqrt(dd), predictedChange: model.change(d), leastCurvature };
  }

  /**
   * q(φ) − q(0) on the circle d(φ) = dFix + cos φ·dF + sin φ·s, from the coefficients
   * [gᵀdF + dFixᵀG dF, gᵀs + dFixᵀG s, dFᵀG dF, sᵀGs, dFᵀG s] in {@link circle}.
   */
  private circleChange(phi: number): number {
    const c = cos(phi);
    const sn = sin(phi);
    const k = this.circle;
    return (
      (c - 1) * k[0] + sn * k[1] + 0.5 * (c * c - 1) * k[2] + 0.5 * sn * sn * k[3] + sn * c * k[4]
    );
  }

  /** Whether the point x + d(φ) of the circle lies in the box. */
  private circleFeasible(
    phi: number,
    x: Float64Array,
    lower: Float64Array,
    upper: Float64Array,
  ): boolean {
    const c = cos(phi);
    const sn = sin(phi);
    const d = this.step;
    const s = this.tangent;
    for (let i = 0; i < this.n; i++) {
      if (this.fixed[i]) continue;
      const xi = x[i] + c * d[i] + sn * s[i];
      if (xi < lower[i] || xi > upper[i]) return false;
    }
    return true;
  }

  /**
   * Improves a step on the trust-region sphere: in the plane of the free part of d and the
   * steepest-descent direction orthogonal to it, the sphere is the circle cos φ·d + sin φ·s;
   * the model along it is a trigonometric quadratic, minimized over the φ the bounds allow.
   */
  private rotateOnSphere(
    model: QuadraticModel,
    lower: Float64Array,
    upper: Float64Array,
    reductionSoFar: number,
  ): void {
    const n = this.n;
    const x = model.center;
    const d = this.step;
    const s = this.tangent;
    const hd = this.hessianTimesStep;
    const hs = this.hessianTimesTangent;
    let totalReduction = reductionSoFar;
    for (let iteration = 0; iteration < n; iteration++) {
      model.hessianTimes(d, hd);
      let dd = 0;
      let gg = 0;
      let dg = 0;
      for (let i = 0; i < n; i++) {
        if (this.fixed[i]) continue;
        const gi = model.gradient[i] + hd[i];
        dd += d[i] * d[i];
        gg += gi * gi;
        dg += d[i] * gi;
      }
      const orthogonal = dd * gg - dg * dg;
      if (!(orthogonal > 1e-8 * dd * gg) || dd === 0) return;
      const norm = Math.sqrt(orthogonal);
      for (let i = 0; i < n; i++) {
        s[i] = this.fixed[i] ? 0 : (dg * d[i] - dd * (model.gradient[i] + hd[i])) / norm;
      }
      model.hessianTimes(s, hs);
      // Model change along the circle relative to φ = 0, with dF = free part of d:
      // q(φ) − q(0) = (cos φ − 1)(gᵀdF + dFixᵀG dF) + sin φ (gᵀs + dFixᵀG s)
      //   + ½(cos²φ − 1) dFᵀG dF + ½ sin²φ sᵀGs + sin φ cos φ dFᵀG s.
      let gdf = 0;
      let gs = 0;
      let sHs = 0;
      let dfHs = 0;
      let dfixHs = 0;
      let dfixHd = 0;
      let dHd = 0;
      for (let i = 0; i < n; i++) {
        dHd += d[i] * hd[i];
        if (this.fixed[i]) {
          dfixHd += d[i] * hd[i];
          dfixHs += d[i] * hs[i];
        } else {
          gdf += model.gradient[i] * d[i];
          gs += model.gradient[i] * s[i];
          sHs += s[i] * hs[i];
          dfHs += d[i] * hs[i];
        }
      }
      // Split dᵀGd = dFixᵀG dFix + 2 dFixᵀG dF + dFᵀG dF.
      let dfixHdfix = 0;
      for (let j = 0; j < n; j++) {
        if (!this.fixed[j] || d[j] === 0) continue;
        for (let i = 0; i < n; i++) {
          if (this.fixed[i]) dfixHdfix += d[i] * model.hessian[i + j * n] * d[j];
        }
      }
      const dfixHdf = dfixHd - dfixHdfix;
      const dfHdf = dHd - 2 * dfixHdf - dfixHdfix;
      const circle = this.circle;
      circle[0] = gdf + dfixHdf;
      circle[1] = gs + dfixHs;
      circle[2] = dfHdf;
      circle[3] = sHs;
      circle[4] = dfHs;
      const samples = 24;
      let bestPhi = 0;
      let bestChange = 0;
      for (let k = 1; k <= samples; k++) {
        const phi = (k / samples) * (Math.PI / 2);
        if (!this.circleFeasible(phi, x, lower, upper)) break;
        const value = this.circleChange(phi);
        if (value < bestChange) {
          bestChange = value;
          bestPhi = phi;
        }
      }
      if (bestPhi === 0) return;
      // One parabolic refinement through the neighbouring samples.
      const h = Math.PI / 2 / samples;
      if (bestPhi + h <= Math.PI / 2 && this.circleFeasible(bestPhi + h, x, lower, upper)) {
        const left = this.circleChange(bestPhi - h);
        const right = this.circleChange(bestPhi + h);
        const curvature = left - 2 * bestChange + right;
        if (curvature > 0) {
          const refined = bestPhi + (0.5 * h * (left - right)) / curvature;
          if (
            this.circleFeasible(refined, x, lower, upper) &&
            this.circleChange(refined) < bestChange
          ) {
            bestChange = this.circleChange(refined);
            bestPhi = refined;
          }
        }
      }
      const c = cos(bestPhi);
      const sn = sin(bestPhi);
      for (let i = 0; i < n; i++) if (!this.fixed[i]) d[i] = c * d[i] + sn * s[i];
      totalReduction -= bestChange;
      if (-bestChange <= 0.01 * totalReduction) return;
    }
  }
}
