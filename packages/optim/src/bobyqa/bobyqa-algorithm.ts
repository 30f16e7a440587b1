import type { BoxProblem } from "../common/box-problem";
import { fChangeNegligible, type ResolvedTolerances } from "../common/resolved-tolerances";
import type { AlgorithmOutcome } from "../common/run-minimization";
import { GeometryStep } from "./geometry-step";
import { axisPositions } from "./initial-points";
import { InterpolationSet } from "./interpolation-set";
import { QuadraticModel } from "./quadratic-model";
import { TrsboxSolver } from "./trsbox-solver";
import { TrustRegionSolver } from "./trust-region-step";

/** BOBYQA's resolved settings for one run, in the problem's internal units. */
export interface BobyqaRunSettings {
  readonly npt: number;
  readonly rhoend: number;
  /** Which trust-region subproblem solver: see {@link BobyqaSettings.trustRegion}. */
  readonly trustRegion: "rotations" | "trsbox";
}

/**
 * A stand-in for +Infinity (a failed evaluation) in the interpolation set: worse than every
 * genuine value among the first `count` (stand-ins, flagged in `failed`, do not count, so they
 * cannot escalate), by their spread: the model steers away from the point without the
 * infinities that would wreck it.
 */
function failureStandIn(values: Float64Array, failed: Uint8Array, count: number): number {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    const v = values[k];
    if (failed[k] || !Number.isFinite(v)) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return high + Math.max(high - low, 1e-3 * Math.abs(high), 1e-3);
}

/**
 * How far (squared, in units of the set's radius when H was built) the best point may move from
 * the origin of H's frame before H is rebuilt about it: Powell shifts his base point at a similar
 * distance.
 */
const DRIFT_LIMIT_SQUARED = 4;
/** Largest error of an updated H (see InterpolationSet.lastExchangeError) before a rebuild. */
const UPDATE_ERROR_LIMIT = 1e-10;
/** Rebuild H after this many times npt updates even when no error shows. */
const REBUILD_EVERY = 1;

/** The smallest radius worth stepping at x: a few units in the last place of its largest entry. */
function resolutionOf(x: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i]));
  return 16 * Number.EPSILON * largest;
}

/**
 * The BOBYQA iteration (Powell 2009, DAMTP 2009/NA06), written from the paper's description:
 * a quadratic model interpolating npt points, updated by least Frobenius-norm change of its
 * Hessian; bound-constrained trust-region steps; geometry-improving steps when the model is
 * doubtful; and a radius ρ reduced from rhobeg to rhoend. Stops early on NLopt's ftol tests for
 * trust-region steps that improve f, and on xtolAbs once ρ is below it.
 */
export function bobyqaAlgorithm(
  problem: BoxProblem,
  startValue: number,
  tolerances: ResolvedTolerances,
  settings: BobyqaRunSettings,
): AlgorithmOutcome {
  const n = problem.dimension;
  const { npt } = settings;
  const { lower, upper } = problem;
  const rhoend = Math.min(settings.rhoend, problem.initialStep);
  let rho = problem.initialStep;
  let delta = rho;

  const set = new InterpolationSet(n, npt);
  const model = new QuadraticModel(n);
  const trustRegion =
    settings.trustRegion === "trsbox" ? new TrsboxSolver(n) : new TrustRegionSolver(n);
  const geometry = new GeometryStep(n, npt);
  const residuals = new Float64Array(npt);
  const lagrange = new Float64Array(npt);
  const trial = new Float64Array(n);
  const previousBest = new Float64Array(n);
  const savedPoint = new Float64Array(n);
  const bestPoint = new Float64Array(n);
  const rescueCenter = new Float64Array(n);
  const modelGradientAtTrial = new Float64Array(n);

  const failed = new Uint8Array(npt);
  const firstPositions = new Float64Array(n);

  /**
   * Fills the set with `center` (value known) in slot 0 and npt − 1 new points: ±radius along
   * each axis (turned inward at bounds), then pairs of axis steps; evaluates them, gives failures
   * stand-ins, factors, and updates the model by least change. False when W is singular.
   */
  const seed = (center: Float64Array, centerValue: number, radius: number): boolean => {
    const centerCopy = bestPoint;
    centerCopy.set(center);
    set.replace(0, centerCopy, centerValue);
    set.best = 0;
    failed[0] = 0;
    for (let k = 1; k < npt; k++) {
      trial.set(centerCopy);
      if (k <= 2 * n) {
        const i = (k - 1) % n;
        const positions = axisPositions(centerCopy[i], lower[i], upper[i], radius);
        firstPositions[i] = positions.first;
        trial[i] = k <= n ? positions.first : positions.second;
      } else {
        // Point 2n+1+r pairs coordinate i with j = (i + 1 + ⌊r/n⌋) mod n.
        const r = k - 2 * n - 1;
        const i = r % n;
        const j = (i + 1 + Math.floor(r / n)) % n;
        trial[i] = firstPositions[i];
        trial[j] = firstPositions[j];
      }
      const f = problem.evaluate(trial);
      set.points.set(trial, k * n);
      set.values[k] = f;
      failed[k] = Number.isFinite(f) ? 0 : 1;
    }
    const standIn = failureStandIn(set.values, failed, npt);
    let best = 0;
    for (let k = 1; k < npt; k++) {
      if (failed[k]) set.values[k] = standIn;
      else if (set.values[k] < set.values[best]) best = k;
    }
    set.best = best;
    if (!set.factor()) return false;
    set.updateModel(model, residuals);
    return true;
  };

  model.center.set(problem.start);
  if (!seed(problem.start, startValue, rho)) {
    return { status: "failed", message: "the initial interpolation points are degenerate" };
  }

  let evaluationsAtRhoChange = problem.evaluations;
  // Model errors |f − Q| of the last three trust-region steps, newest first.
  const recentErrors = new Float64Array(3);
  let ratio = 0;
  let lastStepLength = 0;

  /**
   * Puts x with its value (a stand-in for a failure) into slot k and updates the model. False,
   * leaving everything as it was, when the new set's W is numerically singular.
   */
  const replaceAndUpdate = (k: number, x: Float64Array, f: number): boolean => {
    const genuine = Number.isFinite(f);
    const value = genuine ? f : failureStandIn(set.values, failed, npt);
    if (set.exchange(k, x, value)) {
      failed[k] = genuine ? 0 : 1;
      // H's frame stays at the old best point; far from it W loses its scaling. Rebuild then
      // (a failed rebuild keeps the updated H).
      if (
        set.bestDriftSquared() > DRIFT_LIMIT_SQUARED ||
        set.exchangesSinceFactor >= REBUILD_EVERY * npt ||
        set.lastExchangeError(k) > UPDATE_ERROR_LIMIT
      ) {
        set.refactor();
      }
      set.updateModel(model, residuals);
      return true;
    }
    for (let i = 0; i < n; i++) savedPoint[i] = set.points[k * n + i];
    savedValue = set.values[k];
    savedBest = set.best;
    savedFailed = failed[k];
    set.replace(k, x, value);
    failed[k] = genuine ? 0 : 1;
    if (!set.factor()) return restoreAfterFailure(k);
    set.updateModel(model, residuals);
    return true;
  };
  let savedValue = 0;
  let savedBest = 0;
  let savedFailed = 0;
  /** Puts back what the fallback replaced in slot k and rebuilds H; always false. */
  const restoreAfterFailure = (k: number): boolean => {
    set.points.set(savedPoint, k * n);
    set.values[k] = savedValue;
    set.best = savedBest;
    failed[k] = savedFailed;
    set.factor();
    return false;
  };

  let rescuesSinceRhoChange = 0;
  /**
   * Powell's remedy for an interpolation set that rounding has made degenerate (his RESCUE, done
   * more simply): rebuild it around the best point with radius ρ, keeping the model as the
   * least-change starting point. A second rescue at the same ρ reduces ρ first.
   */
  const rescue = (
    candidate: Float64Array,
    candidateValue: number,
  ): AlgorithmOutcome | undefined => {
    if (rescuesSinceRhoChange > 0) {
      const stop = reduceRho();
      if (stop) return stop;
    }
    rescuesSinceRhoChange++;
    // Around the better of the set's best point and the point that could not be added.
    let centerValue = set.values[set.best];
    if (Number.isFinite(candidateValue) && candidateValue < centerValue) {
      centerValue = candidateValue;
      rescueCenter.set(candidate);
    } else {
      set.copyBest(rescueCenter);
    }
    if (!seed(rescueCenter, centerValue, rho)) {
      return {
        status: "converged",
        message: "the interpolation points became degenerate at the rounding level of θ",
      };
    }
    delta = rho;
    evaluationsAtRhoChange = problem.evaluations;
    return undefined;
  };

  for (;;) {
    const xBest = bestPoint;
    set.copyBest(xBest);
    // Steps of ρ would vanish in rounding: x + d == x. Nothing more can be learned.
    if (rho <= resolutionOf(xBest)) {
      return {
        status: "converged",
        message: "the trust-region radius reached the rounding level of θ",
      };
    }
    const fBest = set.values[set.best];
    const outcome = trustRegion.solve(model, lower, upper, delta);
    const d = trustRegion.step;
    lastStepLength = outcome.length;
    let shortStep = false;
    let farLimitSquared: number;

    if (outcome.length < 0.5 * rho) {
      shortStep = true;
      farLimitSquared = 100 * rho * rho;
      let reduce = false;
      if (problem.evaluations > evaluationsAtRhoChange + 2) {
        const largestError = Math.max(recentErrors[0], recentErrors[1], recentErrors[2]);
        const curvature = outcome.leastCurvature;
        if (!(curvature > 0 && largestError > 0.125 * curvature * rho * rho)) {
          reduce = true;
          // A variable on a bound with a small outward gradient may not belong there.
          const tolerance = largestError / rho;
          model.recenter(xBest);
          for (let i = 0; i < n; i++) {
            let gi = model.gradient[i];
            for (let j = 0; j < n; j++) gi += model.hessian[i + j * n] * d[j];
            modelGradientAtTrial[i] = gi;
          }
          for (let i = 0; i < n; i++) {
            const xi = xBest[i] + d[i];
            let test: number;
            if (xi <= lower[i]) test = modelGradientAtTrial[i];
            else if (xi >= upper[i]) test = -modelGradientAtTrial[i];
            else continue;
            if (test < tolerance) {
              test += 0.5 * model.hessian[i + i * n] * rho;
              if (test < tolerance) {
                reduce = false;
                break;
              }
            }
          }
        }
      }
      if (reduce) {
        const next = reduceRho();
        if (next) return next;
        continue;
      }
    } else {
      let moved = false;
      for (let i = 0; i < n; i++) {
        // A step the solver ended on a bound lands exactly on it (x + (u − x) may round inside).
        trial[i] =
          d[i] >= upper[i] - xBest[i]
            ? upper[i]
            : d[i] <= lower[i] - xBest[i]
              ? lower[i]
              : Math.min(Math.max(xBest[i] + d[i], lower[i]), upper[i]);
        if (trial[i] !== xBest[i]) moved = true;
      }
      if (!moved || set.contains(trial)) {
        // The step vanished in rounding, or leads to a known point: nothing to learn at this ρ.
        const next = reduceRho();
        if (next) return next;
        continue;
      }
      const fRaw = problem.evaluate(trial);
      const f = Number.isFinite(fRaw) ? fRaw : failureStandIn(set.values, failed, npt);
      const predicted = outcome.predictedChange;
      recentErrors.copyWithin(1, 0, 2);
      recentErrors[0] = Math.abs(f - fBest - predicted);
      ratio = predicted < 0 ? (fBest - f) / -predicted : -1;
      if (ratio <= 0.1) delta = Math.min(0.5 * delta, outcome.length);
      else if (ratio <= 0.7) delta = Math.max(0.5 * delta, outcome.length);
      else delta = Math.max(0.5 * delta, 2 * outcome.length);
      if (delta <= 1.5 * rho) delta = rho;

      // Replace the point whose exchange keeps the system best conditioned, favouring far points.
      const beta = set.lagrangeAt(trial, lagrange);
      const improved = f < fBest;
      let chosen = -1;
      let chosenScore = 0;
      const deltaSquared = delta * delta;
      for (let k = 0; k < npt; k++) {
        if (k === set.best && !improved) continue;
        const distanceRatio = set.distanceSquaredFromBest(k) / deltaSquared;
        const weight = Math.max(1, distanceRatio * distanceRatio);
        const score = weight * Math.abs(set.denominator(k, lagrange, beta));
        if (score > chosenScore) {
          chosenScore = score;
          chosen = k;
        }
      }
      previousBest.set(xBest);
      if (chosen < 0 || !replaceAndUpdate(chosen, trial, fRaw)) {
        const stop = rescue(trial, fRaw);
        if (stop) return stop;
        continue;
      }
      if (improved && Number.isFinite(fRaw)) {
        if (fChangeNegligible(tolerances, fBest, fRaw)) {
          return {
            status: "converged",
            message: "a step changed f by less than ftolRel·|f| or ftolAbs",
          };
        }
        if (problem.largestThetaChange(previousBest, trial) < tolerances.xtolAbs) {
          return { status: "converged", message: "a step changed every θ_i by less than xtolAbs" };
        }
      }
      // As a ratio, not f ≤ f_best + 0.1·predicted: near the rounding level of f that sum equals
      // f_best, and an unchanged f would pass forever.
      if (ratio >= 0.1) continue;
      farLimitSquared = Math.max(4 * delta * delta, 100 * rho * rho);
    }

    // Is some interpolation point so far away that the model is doubtful? Then move it.
    let far = -1;
    let farSquared = farLimitSquared;
    for (let k = 0; k < npt; k++) {
      const distanceSquared = set.distanceSquaredFromBest(k);
      if (distanceSquared > farSquared) {
        farSquared = distanceSquared;
        far = k;
      }
    }
    if (far >= 0) {
      const distance = Math.sqrt(farSquared);
      if (shortStep) {
        delta = Math.min(0.1 * delta, 0.5 * distance);
        if (delta <= 1.5 * rho) delta = rho;
      }
      const radius = Math.max(Math.min(0.1 * distance, delta), rho);
      if (geometry.choose(set, far, radius, lower, upper, trial) > 0) {
        const fRaw = problem.evaluate(trial);
        if (!replaceAndUpdate(far, trial, fRaw)) {
          const stop = rescue(trial, fRaw);
          if (stop) return stop;
        }
        continue;
      }
    }
    if (!shortStep && (ratio > 0 || Math.max(delta, lastStepLength) > rho)) continue;
    const next = reduceRho();
    if (next) return next;
  }

  function reduceRho(): AlgorithmOutcome | undefined {
    if (rho <= rhoend) {
      return { status: "converged", message: `the trust-region radius reached rhoend = ${rhoend}` };
    }
    if (rho < tolerances.xtolAbs) {
      return { status: "converged", message: "the trust-region radius fell below xtolAbs" };
    }
    delta = 0.5 * rho;
    const reduction = rho / rhoend;
    if (reduction <= 16) rho = rhoend;
    else if (reduction <= 250) rho = Math.sqrt(reduction) * rhoend;
    else rho *= 0.1;
    delta = Math.max(delta, rho);
    // A new scale for H's frame, about the current best point (kept as it was if that fails).
    set.refactor();
    evaluationsAtRhoChange = problem.evaluations;
    rescuesSinceRhoChange = 0;
    return undefined;
  }
}
