import type { QuadraticModel } from "./quadratic-model";
import type { TrustRegionOutcome } from "./trust-region-step";

/** The number of angles tried per rotation for a full quarter turn (TRSBOX's rule 17·bound + 3.1). */
const ANGLES_PER_UNIT_TANGENT = 17;

/**
 * The alternative to {@link TrustRegionSolver} selected by `bobyqa({ trustRegion: "trsbox" })`.
 * Approximately minimizes the model Q(center + d) subject to ‖d‖ ≤ Δ and lower ≤ center + d ≤
 * upper by the rules of Powell's TRSBOX: truncated conjugate gradients on the free variables
 * (a variable that reaches a bound is fixed there and CG restarts on the rest; CG stops when the
 * reduction still available, ‖g‖·Δ, or the last step's reduction is below 1 % of the total);
 * once the step reaches the trust-region boundary, rotations d(φ) = cos φ·d + sin φ·s in the
 * plane of d and the reduced gradient, with tan(φ/2) sampled at equal spacing up to the bound
 * the box allows and refined by a parabola, while each rotation gains more than 1 %.
 */
export class TrsboxSolver {
  readonly n: number;
  /** The step found by the last {@link solve}. */
  readonly step: Float64Array;
  /** −1/+1: fixed on the lower/upper bound; 0: free. */
  private readonly bound: Int8Array;
  private readonly gradient: Float64Array;
  private readonly direction: Float64Array;
  private readonly hessianTimesDirection: Float64Array;
  private readonly hessianTimesStep: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.step = new Float64Array(n);
    this.bound = new Int8Array(n);
    this.gradient = new Float64Array(n);
    this.direction = new Float64Array(n);
    this.hessianTimesDirection = new Float64Array(n);
    this.hessianTimesStep = new Float64Array(n);
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
    const s = this.direction;
    const hs = this.hessianTimesDirection;
    const fixed = this.bound;
    let active = 0;
    for (let i = 0; i < n; i++) {
      fixed[i] = 0;
      if (x[i] <= lower[i]) {
        if (model.gradient[i] >= 0) fixed[i] = -1;
      } else if (x[i] >= upper[i]) {
        if (model.gradient[i] <= 0) fixed[i] = 1;
      }
      if (fixed[i] !== 0) active++;
    }
    d.fill(0);
    g.set(model.gradient);
    let freeRadiusSquared = radius * radius;
    let reduction = 0;
    let curvatureSeen = -1;
    let iterations = 0;
    let onSphere = false;

    // Conjugate gradients, restarted when a variable becomes fixed at a bound.
    let beta = 0;
    let gradientSquared = 0;
    let iterationLimit = 0;
    for (;;) {
      let stepSquared = 0;
      for (let i = 0; i < n; i++) {
        s[i] = fixed[i] !== 0 ? 0 : beta === 0 ? -g[i] : beta * s[i] - g[i];
        stepSquared += s[i] * s[i];
      }
      if (stepSquared === 0) break;
      if (beta === 0) {
        gradientSquared = stepSquared;
        iterationLimit = iterations + n - active;
      }
      if (gradientSquared * freeRadiusSquared <= 1e-4 * reduction * reduction) break;
      model.hessianTimes(s, hs);
      let room = freeRadiusSquared;
      let ds = 0;
      let sHs = 0;
      for (let i = 0; i < n; i++) {
        if (fixed[i] !== 0) continue;
        room -= d[i] * d[i];
        ds += s[i] * d[i];
        sHs += s[i] * hs[i];
      }
      if (room <= 0) {
        onSphere = true;
        break;
      }
      const root = Math.sqrt(stepSquared * room + ds * ds);
      const toSphere = ds < 0 ? (root - ds) / stepSquared : room / (root + ds);
      let stepLength = toSphere;
      if (sHs > 0) stepLength = Math.min(toSphere, gradientSquared / sHs);
      let hit = -1;
      for (let i = 0; i < n; i++) {
        if (s[i] === 0) continue;
        const at = x[i] + d[i];
        const limit = s[i] > 0 ? (upper[i] - at) / s[i] : (lower[i] - at) / s[i];
        if (limit < stepLength) {
          stepLength = limit;
          hit = i;
        }
      }
      let decrease = 0;
      let previousGradientSquared = gradientSquared;
      if (stepLength > 0) {
        iterations++;
        const curvature = sHs / stepSquared;
        if (hit < 0 && curvature > 0) {
          curvatureSeen = curvatureSeen === -1 ? curvature : Math.min(curvatureSeen, curvature);
        }
        previousGradientSquared = gradientSquared;
        gradientSquared = 0;
        for (let i = 0; i < n; i++) {
          g[i] += stepLength * hs[i];
          if (fixed[i] === 0) gradientSquared += g[i] * g[i];
          d[i] += stepLength * s[i];
        }
        decrease = Math.max(stepLength * (previousGradientSquared - 0.5 * stepLength * sHs), 0);
        reduction += decrease;
      }
      if (hit >= 0) {
        active++;
        fixed[hit] = s[hit] < 0 ? -1 : 1;
        freeRadiusSquared -= d[hit] * d[hit];
        if (freeRadiusSquared <= 0) {
          onSphere = true;
          break;
        }
        beta = 0;
        continue;
      }
      if (stepLength < toSphere) {
        if (iterations === iterationLimit || decrease <= 0.01 * reduction) break;
        beta = gradientSquared / previousGradientSquared;
        continue;
      }
      onSphere = true;
      break;
    }

    if (onSphere) {
      curvatureSeen = 0;
      this.rotate(model, lower, upper, active, reduction);
    }
    let dd = 0;
    for (let i = 0; i < n; i++) {
      // Rounding must never carry the trial point across a bound; fixed variables sit on theirs.
      let xi = Math.max(Math.min(x[i] + d[i], upper[i]), lower[i]);
      if (fixed[i] === -1) xi = lower[i];
      if (fixed[i] === 1) xi = upper[i];
      d[i] = xi - x[i];
      dd += d[i] * d[i];
    }
    return {
      length: Math.min(radius, Math.sqrt(dd)),
      predictedChange: model.change(d),
      leastCurvature: curvatureSeen,
    };
  }

  /**
   * TRSBOX's alternative iterations: with d on the trust-region sphere (over the free
   * variables), rotate it towards the reduced gradient's component orthogonal to it,
   * d ← cos φ·d + sin φ·s, at the angle that reduces Q most among equally spaced tan(φ/2) up to
   * the bound the box allows (refined by a parabola); a free variable that the box stops is fixed
   * and the rotations restart. The gradient g is kept at x + d throughout.
   */
  private rotate(
    model: QuadraticModel,
    lower: Float64Array,
    upper: Float64Array,
    activeAtStart: number,
    reductionSoFar: number,
  ): void {
    const n = this.n;
    const x = model.center;
    const d = this.step;
    const g = this.gradient;
    const s = this.direction;
    const hs = this.hessianTimesDirection;
    const hd = this.hessianTimesStep;
    const fixed = this.bound;
    let active = activeAtStart;
    let reduction = reductionSoFar;
    restart: for (;;) {
      if (active >= n - 1) return;
      let dd = 0;
      let dg = 0;
      let gg = 0;
      for (let i = 0; i < n; i++) {
        if (fixed[i] !== 0) {
          s[i] = 0;
          continue;
        }
        dd += d[i] * d[i];
        dg += d[i] * g[i];
        gg += g[i] * g[i];
        s[i] = d[i];
      }
      model.hessianTimes(s, hd);
      for (;;) {
        let orthogonal = gg * dd - dg * dg;
        if (orthogonal <= 1e-4 * reduction * reduction) return;
        orthogonal = Math.sqrt(orthogonal);
        for (let i = 0; i < n; i++)
          s[i] = fixed[i] !== 0 ? 0 : (dg * d[i] - dd * g[i]) / orthogonal;
        const sg = -orthogonal;
        // The largest tan(φ/2) the box allows, and the variable that limits it.
        let tangentBound = 1;
        let limiting = -1;
        let limitingSide = 0;
        for (let i = 0; i < n; i++) {
          if (fixed[i] !== 0) continue;
          const aboveLower = x[i] + d[i] - lower[i];
          const belowUpper = upper[i] - x[i] - d[i];
          if (aboveLower <= 0) {
            active++;
            fixed[i] = -1;
            continue restart;
          }
          if (belowUpper <= 0) {
            active++;
            fixed[i] = 1;
            continue restart;
          }
          const ssq = d[i] * d[i] + s[i] * s[i];
          const toLower = x[i] - lower[i];
          let temp = ssq - toLower * toLower;
          if (temp > 0) {
            temp = Math.sqrt(temp) - s[i];
            if (tangentBound * temp > aboveLower) {
              tangentBound = aboveLower / temp;
              limiting = i;
              limitingSide = -1;
            }
          }
          const toUpper = upper[i] - x[i];
          temp = ssq - toUpper * toUpper;
          if (temp > 0) {
            temp = Math.sqrt(temp) + s[i];
            if (tangentBound * temp > belowUpper) {
              tangentBound = belowUpper / temp;
              limiting = i;
              limitingSide = 1;
            }
          }
        }
        model.hessianTimes(s, hs);
        let sHs = 0;
        let dHs = 0;
        let dHd = 0;
        for (let i = 0; i < n; i++) {
          if (fixed[i] !== 0) continue;
          sHs += s[i] * hs[i];
          dHs += d[i] * hs[i];
          dHd += d[i] * hd[i];
        }
        // Reduction of Q at tan(φ/2) = t: sin φ·(t·dᵀg − sᵀg − ½ sin φ·(sᵀHs + t(t·dᵀHd − 2dᵀHs))).
        const gain = (t: number): number => {
          const sine = (2 * t) / (1 + t * t);
          return sine * (t * dg - sg - 0.5 * sine * (sHs + t * (t * dHd - 2 * dHs)));
        };
        const samples = Math.trunc(tangentBound * ANGLES_PER_UNIT_TANGENT + 3.1);
        let bestGain = 0;
        let bestIndex = 0;
        let previousGain = 0;
        let beforeBest = 0;
        let afterBest = 0;
        for (let k = 1; k <= samples; k++) {
          const value = gain((tangentBound * k) / samples);
          if (value > bestGain) {
            bestGain = value;
            bestIndex = k;
            beforeBest = previousGain;
          } else if (k === bestIndex + 1) {
            afterBest = value;
          }
          previousGain = value;
        }
        if (bestIndex === 0) return;
        let t = (tangentBound * bestIndex) / samples;
        if (bestIndex < samples) {
          const shift = (afterBest - beforeBest) / (2 * bestGain - beforeBest - afterBest);
          t = (tangentBound * (bestIndex + 0.5 * shift)) / samples;
        }
        const cosine = (1 - t * t) / (1 + t * t);
        const sine = (2 * t) / (1 + t * t);
        const decrease = gain(t);
        if (decrease <= 0) return;
        dg = 0;
        gg = 0;
        for (let i = 0; i < n; i++) {
          g[i] += (cosine - 1) * hd[i] + sine * hs[i];
          if (fixed[i] === 0) {
            d[i] = cosine * d[i] + sine * s[i];
            dg += d[i] * g[i];
            gg += g[i] * g[i];
          }
          hd[i] = cosine * hd[i] + sine * hs[i];
        }
        reduction += decrease;
        if (limiting >= 0 && bestIndex === samples) {
          active++;
          fixed[limiting] = limitingSide;
          continue restart;
        }
        if (decrease <= 0.01 * reduction) return;
      }
    }
  }
}
