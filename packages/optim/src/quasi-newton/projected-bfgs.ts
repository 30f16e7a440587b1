import type { BoxProblem } from "../common/box-problem";
import type { ResolvedTolerances } from "../common/resolved-tolerances";
import type { AlgorithmOutcome } from "../common/run-minimization";

/** What {@link projectedBfgs} needs beyond the call's tolerances. */
export interface ProjectedBfgsSettings {
  /** Converged when the next quasi-Newton step would move each θ_i by ≤ this·|θ_i| + `stepAbsolute`. */
  readonly stepRelative: number;
  readonly stepAbsolute: number;
  /** Trial points per line search before giving up (each is an evaluation). */
  readonly maxTrials: number;
  /**
   * The objective's rounding noise relative to |f|: a trial is accepted when f rises by no more
   * than this·max(1, |f|) beyond Armijo's bound, so that near the optimum, where f's changes
   * are below its noise, the steps follow the gradient; and the last iterate is the result when
   * its value is within this of the lowest seen.
   */
  readonly noiseRelative: number;
}

/** Armijo's sufficient-decrease constant: accept f(x + s) ≤ f(x) + c·gᵀs. */
const sufficientDecrease = 1e-4;

/** Consecutive steps that lower f by no more than its noise before the method stops. */
const maxStalledSteps = 10;

/**
 * A quasi-Newton method for bound-constrained smooth problems, in the problem's internal units:
 * the projected BFGS method (Bertsekas 1982, with the inverse-Hessian update of Nocedal and
 * Wright §6.1). A coordinate on a bound whose gradient points out of the box is held there; the
 * others take the step −H·g of the inverse-Hessian approximation H on the free block, projected
 * onto the box, with an Armijo backtracking line search (safeguarded quadratic interpolation).
 * The first step is steepest descent of length `problem.initialStep`; H then starts as
 * (sᵀy / yᵀy)·I. It stops when the next step, or the projected gradient, is below the step
 * tolerance, or when no trial point along the step decreases f (rounding level).
 *
 * Written here rather than taken from a library: no JavaScript L-BFGS-B keeps to the OptimizerV1
 * contract (never evaluating outside the bounds, counting evaluations, deterministic arithmetic
 * only: no Math function but sqrt decides a step).
 */
export function projectedBfgs(
  problem: BoxProblem,
  startValue: number,
  tolerances: ResolvedTolerances,
  settings: ProjectedBfgsSettings,
): AlgorithmOutcome {
  const n = problem.dimension;
  const { lower, upper } = problem;
  const x = Float64Array.from(problem.start);
  const g = new Float64Array(n);
  if (!problem.gradientAtLastPoint(g)) {
    return { status: "failed", message: gradientMissing(problem) };
  }
  let f = startValue;
  problem.recordIterate(x, f);
  const noise = settings.noiseRelative * Math.max(1, Math.abs(f));
  const finish = (status: "converged" | "failed", message: string): AlgorithmOutcome => {
    problem.preferIterate(noise);
    return { status, message };
  };
  const h = new Float64Array(n * n);
  let haveH = false;
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const step = new Float64Array(n);
  const nextGradient = new Float64Array(n);
  const change = new Float64Array(n);
  const hy = new Float64Array(n);
  const free = new Uint8Array(n);
  const stepAbsolute = Math.max(settings.stepAbsolute, tolerances.xtolAbs);

  let stalled = 0;
  for (;;) {
    let largestFreeGradient = 0;
    for (let i = 0; i < n; i++) {
      const held = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
      free[i] = held ? 0 : 1;
      if (!held) largestFreeGradient = Math.max(largestFreeGradient, Math.abs(g[i]));
    }
    if (largestFreeGradient === 0) {
      return finish("converged", "the projected gradient is zero");
    }
    searchDirection(
      n,
      haveH ? h : null,
      g,
      free,
      largestFreeGradient,
      problem.initialStep,
      direction,
    );
    if (haveH && stepBelowTolerance(problem, x, direction, settings.stepRelative, stepAbsolute)) {
      return finish("converged", "the next quasi-Newton step is below the step tolerance");
    }
    let slope = dot(g, direction);
    if (!(slope < 0) && haveH) {
      // H lost positive definiteness on the free block through rounding: restart from steepest descent.
      haveH = false;
      searchDirection(n, null, g, free, largestFreeGradient, problem.initialStep, direction);
      slope = dot(g, direction);
    }
    if (!(slope < 0)) return finish("converged", "no descent direction is left");

    let alpha = 1;
    let accepted = false;
    let trialValue = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < settings.maxTrials; attempt++) {
      let moved = false;
      for (let i = 0; i < n; i++) {
        trial[i] = Math.min(Math.max(x[i] + alpha * direction[i], lower[i]), upper[i]);
        step[i] = trial[i] - x[i];
        if (step[i] !== 0) moved = true;
      }
      if (!moved) break;
      trialValue = problem.evaluate(trial);
      const linear = dot(g, step);
      if (Number.isFinite(trialValue) && trialValue <= f + sufficientDecrease * linear + noise) {
        accepted = true;
        break;
      }
      alpha = Number.isFinite(trialValue) ? backtrack(alpha, slope, trialValue - f) : 0.25 * alpha;
    }
    if (!accepted) return finish("converged", "no point along the quasi-Newton step decreases f");
    if (!problem.gradientAtLastPoint(nextGradient))
      return finish("failed", gradientMissing(problem));
    problem.recordIterate(trial, trialValue);
    let sy = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const yi = nextGradient[i] - g[i];
      change[i] = yi;
      sy += step[i] * yi;
      yy += yi * yi;
      ss += step[i] * step[i];
    }
    if (sy > 1e-12 * Math.sqrt(ss * yy)) {
      if (!haveH) {
        h.fill(0);
        for (let i = 0; i < n; i++) h[i + i * n] = sy / yy;
        haveH = true;
      }
      bfgsUpdate(n, h, step, change, sy, hy);
    }
    // Steps accepted within the noise but never lower by more than it: the gradient alone is
    // steering, and after a few such steps it has nothing left to say.
    stalled = trialValue < f - noise ? 0 : stalled + 1;
    if (stalled > maxStalledSteps) {
      return finish(
        "converged",
        "f has not decreased by more than its rounding noise for several steps",
      );
    }
    x.set(trial);
    f = trialValue;
    g.set(nextGradient);
  }
}

function gradientMissing(problem: BoxProblem): string {
  return problem.lastFailure.startsWith("the gradient")
    ? `no usable gradient: ${problem.lastFailure}`
    : "the objective gives no finite gradient (a quasi-Newton method needs objective.gradient)";
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * d = −H_FF·g_F on the free coordinates, 0 on held ones; without H, steepest descent whose
 * largest entry is `length` (g divided by its largest free entry first, so that a subnormal
 * gradient cannot overflow the step).
 */
function searchDirection(
  n: number,
  h: Float64Array | null,
  g: Float64Array,
  free: Uint8Array,
  largest: number,
  length: number,
  out: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    if (free[i] === 0) {
      out[i] = 0;
      continue;
    }
    if (h === null) {
      out[i] = -(g[i] / largest) * length;
      continue;
    }
    let sum = 0;
    for (let j = 0; j < n; j++) if (free[j] === 1) sum += h[i + j * n] * g[j];
    out[i] = -sum;
  }
}

function stepBelowTolerance(
  problem: BoxProblem,
  x: Float64Array,
  direction: Float64Array,
  relative: number,
  absolute: number,
): boolean {
  for (let i = 0; i < x.length; i++) {
    const change = problem.thetaUnits(i, Math.abs(direction[i]));
    if (change > relative * problem.thetaUnits(i, Math.abs(x[i])) + absolute) return false;
  }
  return true;
}

/**
 * The next trial fraction after f rose by `rise` at fraction `alpha` of a step whose
 * directional derivative at 0 is `slope` < 0: the minimizer of the interpolating parabola, kept
 * within [0.1, 0.5]·alpha.
 */
function backtrack(alpha: number, slope: number, rise: number): number {
  const curvature = rise - slope * alpha;
  const minimizer = curvature > 0 ? (-slope * alpha * alpha) / (2 * curvature) : 0.5 * alpha;
  return Math.min(Math.max(minimizer, 0.1 * alpha), 0.5 * alpha);
}

/** H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ with ρ = 1/sᵀy; `hyValues` receives H·y (old H). */
function bfgsUpdate(
  n: number,
  h: Float64Array,
  s: Float64Array,
  y: Float64Array,
  sy: number,
  hyValues: Float64Array,
): void {
  let yhy = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += h[i + j * n] * y[j];
    hyValues[i] = sum;
    yhy += y[i] * sum;
  }
  const outer = (sy + yhy) / (sy * sy);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      h[i + j * n] += outer * s[i] * s[j] - (hyValues[i] * s[j] + s[i] * hyValues[j]) / sy;
    }
  }
}
