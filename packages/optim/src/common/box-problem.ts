import type {
  MinimizeOptionsV1,
  MinimizeResultV1,
  MinimizeStatusV1,
  ObjectiveV1,
} from "@mixedmodels/core";
import { DimensionMismatchError, ModelError } from "@mixedmodels/core";
import { defaultInitialSteps } from "./default-initial-steps";
import { StopEvaluating } from "./stop-evaluating";

/** How a {@link BoxProblem} chooses its initial step when the call gives no `initialStep`. */
export interface InitialStepChoice {
  /** One step for every coordinate (an optimizer setting such as BOBYQA's rhobeg). */
  readonly uniform?: number;
  /** Largest allowed step as a fraction of a coordinate's finite box width (BOBYQA needs ½). */
  readonly maxFractionOfWidth: number;
}

/**
 * Budget when the call sets no maxEvaluations: a safety net against an endless run, far above
 * what a smooth problem needs (BOBYQA: tens to hundreds of evaluations per dimension).
 */
export function defaultEvaluationBudget(n: number): number {
  return 2000 * (n + 1) * (n + 1);
}

/** The smallest heuristic step, as a fraction of the largest (see the constructor). */
const minimumHeuristicStepRatio = 0.25;

/**
 * A box narrower than rounding can resolve (or than 1e-290 near 0): the coordinate is held at
 * the projected start instead of being searched.
 */
function boxTooNarrow(lower: number, upper: number): boolean {
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) return false;
  const magnitude = Math.max(1e-278, Math.abs(lower), Math.abs(upper));
  return upper - lower <= 1e-12 * magnitude;
}

function validateStep(name: string, step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) {
    throw new ModelError(`${name} must be a positive finite number, got ${step}`);
  }
  return step;
}

/**
 * One `minimize` call seen from inside an optimizer: the free coordinates (those whose bounds do
 * not pin them, or leave a box narrower than 1e-12 relative), rescaled so that every coordinate's initial step is the same number
 * `initialStep`, with the box in those units; plus the bookkeeping every optimizer needs —
 * evaluation counting, the budget, the abort signal, onEvaluation, failures mapped to +Infinity,
 * and the best point seen. Optimizers work in internal units `z`; θ_free[i] = z[i]·scale[i].
 *
 * Throws DimensionMismatchError when start, bounds or initialStep disagree with
 * `objective.dimension`, and ModelError for NaN in start, lower > upper, or a bad initialStep.
 */
export class BoxProblem {
  /** Number of free coordinates: the dimension the optimizer works in. */
  readonly dimension: number;
  /** Internal lower and upper bounds (length `dimension`). */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** The start in internal units, projected into the box. */
  readonly start: Float64Array;
  /** The initial step in internal units, the same for every coordinate. */
  readonly initialStep: number;
  /** Evaluations so far. */
  evaluations = 0;
  /** Best value seen (+Infinity before the first finite one) and its internal point. */
  bestValue = Number.POSITIVE_INFINITY;
  readonly best: Float64Array;
  /** Message of the last failure (exception or NaN) of the objective, for diagnostics. */
  lastFailure = "";

  private readonly objective: ObjectiveV1;
  private readonly freeIndex: Int32Array;
  private readonly scale: Float64Array;
  private readonly fullLower: Float64Array;
  private readonly fullUpper: Float64Array;
  private readonly theta: Float64Array;
  private readonly bestTheta: Float64Array;
  private readonly maxEvaluations: number;
  private readonly signal: AbortSignal | undefined;
  private readonly onEvaluation: ((theta: Float64Array, value: number) => void) | undefined;
  private fullGradient: Float64Array | null = null;
  private iterate: { z: Float64Array; theta: Float64Array; value: number } | null = null;

  constructor(
    objective: ObjectiveV1,
    start: Float64Array,
    options: MinimizeOptionsV1,
    stepChoice: InitialStepChoice,
  ) {
    const n = objective.dimension;
    if (start.length !== n) {
      throw new DimensionMismatchError(
        `start has length ${start.length}, objective.dimension is ${n}`,
      );
    }
    this.objective = objective;
    this.fullLower = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
    this.fullUpper = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    if (options.bounds) {
      const { lower, upper } = options.bounds;
      if (lower.length !== n || upper.length !== n) {
        throw new DimensionMismatchError(
          `bounds have lengths ${lower.length} and ${upper.length}, objective.dimension is ${n}`,
        );
      }
      this.fullLower.set(lower);
      this.fullUpper.set(upper);
    }
    this.theta = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(start[i])) throw new ModelError(`start[${i}] is NaN`);
      if (!(this.fullLower[i] <= this.fullUpper[i])) {
        throw new ModelError(
          `bounds at index ${i}: lower ${this.fullLower[i]} is not below upper ${this.fullUpper[i]}`,
        );
      }
      this.theta[i] = Math.min(Math.max(start[i], this.fullLower[i]), this.fullUpper[i]);
      if (!Number.isFinite(this.theta[i])) throw new ModelError(`start[${i}] is not finite`);
    }
    this.bestTheta = Float64Array.from(this.theta);

    const free: number[] = [];
    for (let i = 0; i < n; i++)
      if (!boxTooNarrow(this.fullLower[i], this.fullUpper[i])) free.push(i);
    this.freeIndex = Int32Array.from(free);
    const m = free.length;
    this.dimension = m;

    const steps = new Float64Array(m);
    const requested = options.initialStep;
    if (typeof requested === "number") {
      steps.fill(validateStep("initialStep", requested));
    } else if (requested !== undefined) {
      if (requested.length !== n) {
        throw new DimensionMismatchError(
          `initialStep has length ${requested.length}, objective.dimension is ${n}`,
        );
      }
      for (let k = 0; k < m; k++)
        steps[k] = validateStep(`initialStep[${free[k]}]`, requested[free[k]]);
    } else if (stepChoice.uniform !== undefined) {
      steps.fill(validateStep("initial step", stepChoice.uniform));
    } else {
      const heuristic = defaultInitialSteps(this.theta, this.fullLower, this.fullUpper);
      let largestHeuristic = 0;
      for (let k = 0; k < m; k++) largestHeuristic = Math.max(largestHeuristic, heuristic[free[k]]);
      // A start very near a bound would otherwise get a tiny step and a badly scaled problem.
      for (let k = 0; k < m; k++) {
        steps[k] = Math.max(heuristic[free[k]], minimumHeuristicStepRatio * largestHeuristic);
      }
    }
    for (let k = 0; k < m; k++) {
      const width = this.fullUpper[free[k]] - this.fullLower[free[k]];
      steps[k] = Math.min(steps[k], stepChoice.maxFractionOfWidth * width);
    }
    let largest = 0;
    for (let k = 0; k < m; k++) largest = Math.max(largest, steps[k]);
    this.initialStep = largest;
    this.scale = new Float64Array(m);
    this.lower = new Float64Array(m);
    this.upper = new Float64Array(m);
    this.start = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      const s = steps[k] / largest;
      this.scale[k] = s;
      this.lower[k] = this.fullLower[free[k]] / s;
      this.upper[k] = this.fullUpper[free[k]] / s;
      this.start[k] = this.theta[free[k]] / s;
    }
    this.best = Float64Array.from(this.start);

    this.maxEvaluations = options.maxEvaluations ?? defaultEvaluationBudget(n);
    if (!(this.maxEvaluations >= 0)) {
      throw new ModelError(`maxEvaluations must be non-negative, got ${options.maxEvaluations}`);
    }
    this.signal = options.signal;
    this.onEvaluation = options.onEvaluation;
  }

  /** True once the signal is aborted. */
  get aborted(): boolean {
    return this.signal?.aborted === true;
  }

  /** Evaluations still allowed. */
  get remainingEvaluations(): number {
    return this.maxEvaluations - this.evaluations;
  }

  /**
   * f at internal point z (clamped into the box in θ units, so rounding in the scaling never
   * leaves it, and a z on an internal bound gives θ exactly on the bound). NaN, a non-number and a thrown exception all become +Infinity. Throws
   * {@link StopEvaluating} instead of evaluating when the signal is aborted or the budget spent.
   */
  evaluate(z: Float64Array): number {
    if (this.aborted) throw new StopEvaluating("aborted");
    if (this.evaluations >= this.maxEvaluations) throw new StopEvaluating("maxEvaluations");
    const theta = this.theta;
    for (let k = 0; k < this.dimension; k++) {
      const i = this.freeIndex[k];
      // A point on an internal bound maps to the bound itself, whatever the scaling's rounding.
      const zk = z[k];
      theta[i] =
        zk <= this.lower[k]
          ? this.fullLower[i]
          : zk >= this.upper[k]
            ? this.fullUpper[i]
            : Math.min(Math.max(zk * this.scale[k], this.fullLower[i]), this.fullUpper[i]);
    }
    this.evaluations++;
    let value: number;
    try {
      value = this.objective.value(theta);
      if (typeof value !== "number" || Number.isNaN(value)) {
        this.lastFailure = `the objective returned ${String(value)}`;
        value = Number.POSITIVE_INFINITY;
      }
    } catch (error) {
      this.lastFailure = `the objective threw: ${error instanceof Error ? error.message : String(error)}`;
      value = Number.POSITIVE_INFINITY;
    }
    if (value < this.bestValue) {
      this.bestValue = value;
      this.best.set(z);
      this.bestTheta.set(theta);
    }
    this.onEvaluation?.(Float64Array.from(theta), value);
    return value;
  }

  /**
   * ∂f/∂z at the point of the last `evaluate` call, from the objective's analytic gradient in θ
   * (∂f/∂z_k = ∂f/∂θ_i·scale_k). Not an evaluation: nothing is counted. Returns false when the
   * objective has no gradient, throws, or gives a non-finite entry.
   */
  gradientAtLastPoint(out: Float64Array): boolean {
    const gradient = this.objective.gradient;
    if (gradient === undefined || this.evaluations === 0) return false;
    this.fullGradient ??= new Float64Array(this.theta.length);
    try {
      gradient.call(this.objective, this.theta, this.fullGradient);
    } catch (error) {
      this.lastFailure = `the gradient threw: ${error instanceof Error ? error.message : String(error)}`;
      return false;
    }
    for (let k = 0; k < this.dimension; k++) {
      out[k] = this.fullGradient[this.freeIndex[k]] * this.scale[k];
      if (!Number.isFinite(out[k])) return false;
    }
    return true;
  }

  /**
   * Remember the point of the last `evaluate` call, internal `z` with its `value`, as the
   * optimizer's current iterate (see {@link preferIterate}).
   */
  recordIterate(z: Float64Array, value: number): void {
    this.iterate ??= {
      z: new Float64Array(this.dimension),
      theta: new Float64Array(this.theta.length),
      value: Number.POSITIVE_INFINITY,
    };
    this.iterate.z.set(z);
    this.iterate.theta.set(this.theta);
    this.iterate.value = value;
  }

  /**
   * Make the recorded iterate the result when its value is within `tolerance` of the best seen:
   * a gradient method trusts its last iterate over a point whose value is lower only by the
   * objective's rounding noise.
   */
  preferIterate(tolerance: number): void {
    const iterate = this.iterate;
    if (iterate === null || !(iterate.value <= this.bestValue + tolerance)) return;
    this.bestValue = iterate.value;
    this.best.set(iterate.z);
    this.bestTheta.set(iterate.theta);
  }

  /** An internal length along coordinate k in θ units. */
  thetaUnits(k: number, internal: number): number {
    return internal * this.scale[k];
  }

  /** Largest |Δθ_i| of the step from internal point `from` to `to`, in θ units. */
  largestThetaChange(from: Float64Array, to: Float64Array): number {
    let largest = 0;
    for (let k = 0; k < this.dimension; k++) {
      largest = Math.max(largest, Math.abs(to[k] - from[k]) * this.scale[k]);
    }
    return largest;
  }

  /** The result for the best point seen. */
  result(status: MinimizeStatusV1, message: string): MinimizeResultV1 {
    return {
      theta: Float64Array.from(this.bestTheta),
      value: this.evaluations === 0 ? Number.NaN : this.bestValue,
      evaluations: this.evaluations,
      status,
      message,
    };
  }

  /** The result after a {@link StopEvaluating} unwound the optimizer. */
  stoppedResult(stop: StopEvaluating): MinimizeResultV1 {
    if (stop.reason === "aborted") return this.result("aborted", "aborted by the signal");
    return this.result(
      "maxEvaluations",
      `stopped after maxEvaluations = ${this.maxEvaluations} evaluations`,
    );
  }
}
