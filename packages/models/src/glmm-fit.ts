import { FitAbortedError, ModelError, type ModelWarningV1 } from "@mixedmodels/core";
import { gaussHermite } from "@mixedmodels/distributions";
import type { Family } from "@mixedmodels/families";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import type { BlockedSystem } from "./blocked-system";
import { resolveFitSettings } from "./fit-settings";
import { fitWarnings } from "./fit-warnings";
import { fixedFactorInverse } from "./fixed-effects";
import { type GlmmObjective, PIRLS_STEP_TOLERANCE_NEWTON, PirlsFailure } from "./glmm-objective";
import { type GlmmFitOptions, MAX_AGQ_NODES } from "./glmm-options";
import { newtonPolish } from "./glmm-polish";
import type { OptimizationSummary } from "./model-types";
import { optimizationSummary } from "./optimization-summary";
import { createRecorder, runOptimizer } from "./optimizer-run";
import { canonicalTheta } from "./post-fit";
import { checkNonConstantResponse } from "./response-checks";

/** What a GLMM fit works on (the model's own state, passed in so this file knows no class). */
export interface GlmmFitContext {
  readonly system: BlockedSystem;
  readonly parts: ModelParts;
  readonly evaluator: GlmmObjective;
  readonly glmBeta: Float64Array;
  readonly y: Float64Array;
  isSingular(): boolean;
}

/** How the last fit was made, and what PIRLS did in it. */
export interface GlmmFitState {
  readonly nAGQ: number;
  readonly fast: boolean;
  /** PIRLS iterations of every evaluation, in order. */
  readonly pirlsIterations: readonly number[];
  /**
   * 2·H⁻¹ for β from the finite-difference Hessian the joint stage's Newton polish took (p×p),
   * or null (a fast fit, H not positive definite, or θ moved after it): then the summary
   * computes it at the optimum.
   */
  readonly covariance: Float64Array | null;
}

export interface GlmmFitOutcome {
  readonly state: GlmmFitState;
  readonly objective: number;
  readonly optsum: OptimizationSummary;
  readonly warnings: ModelWarningV1[];
}

/**
 * nAGQ must be an integer in 1–25, and above 1 only for a single scalar random-effects term
 * (where the conditional density factorizes over the levels); a fast fit is a Laplace fit.
 */
export function checkQuadrature(
  nAGQ: number,
  fast: boolean,
  parts: ModelParts,
  family: Pick<Family, "name" | "hasDispersion">,
): void {
  if (!Number.isInteger(nAGQ) || nAGQ < 1 || nAGQ > MAX_AGQ_NODES) {
    throw new ModelError(`nAGQ must be an integer from 1 to ${MAX_AGQ_NODES}, got ${nAGQ}`);
  }
  if (nAGQ === 1) return;
  if (family.hasDispersion) {
    throw new ModelError(
      `adaptive Gauss–Hermite quadrature (nAGQ = ${nAGQ}) is available for the Bernoulli, binomial and Poisson families only; the ${family.name} family is fitted by the Laplace approximation (nAGQ = 1)`,
    );
  }
  const terms = parts.reterms;
  if (terms.length !== 1 || terms[0].s !== 1) {
    const labels = terms.flatMap((term) => term.labels.map((label) => `(${label})`));
    throw new ModelError(
      `adaptive Gauss–Hermite quadrature (nAGQ = ${nAGQ}) needs a single scalar random-effects term; the model has ${labels.join(" + ")}`,
      { term: labels.join(" + ") },
    );
  }
  if (fast) {
    throw new ModelError(
      "a fast fit (θ only, β inside PIRLS) uses the Laplace approximation: use nAGQ = 1, or fast: false for quadrature",
    );
  }
}

/**
 * Fit a GLMM: minimize the Laplace (or AGQ) deviance over [β; θ] from the GLM's β, or over θ
 * with β in PIRLS (`fast`). A trial point where PIRLS fails answers the initial objective, as a
 * failed factorization does for linear models; the start and the final point must succeed.
 * The evaluator is left with the working model at the optimum.
 */
export function runGlmmFit(context: GlmmFitContext, options: GlmmFitOptions): GlmmFitOutcome {
  const { system, parts, evaluator } = context;
  const nAGQ = options.nAGQ ?? 1;
  const fast = options.fast ?? false;
  checkQuadrature(nAGQ, fast, parts, evaluator.family);
  checkNonConstantResponse(context.y);
  const layout = system.layout;
  const p = system.p;
  const rule = nAGQ > 1 ? gaussHermite(nAGQ) : null;
  const scratch = new Float64Array(rule === null ? 0 : 3 * parts.reterms[0].levels.length);
  const pirlsIterations: number[] = [];
  let failures = 0;
  let stalls = 0;
  let unconverged = 0;

  /** Install a parameter vector: θ alone (a fast stage) or [β; θ]. */
  const install = (x: Float64Array, thetaOnly: boolean): void => {
    if (thetaOnly) {
      system.setTheta(x);
    } else {
      evaluator.beta.set(x.subarray(0, p));
      system.setTheta(x.subarray(p));
    }
  };
  // Every PIRLS run starts from the linearization at the best point so far (a chord start,
  // see GlmmObjective.pirls): the optimizer's trial points lie around its best point.
  let bestValue = Number.POSITIVE_INFINITY;
  /** @throws PirlsFailure */
  const evaluate = (x: Float64Array, thetaOnly: boolean): number => {
    install(x, thetaOnly);
    const outcome = evaluator.pirls(
      thetaOnly,
      thetaOnly && !fast ? THETA_STAGE_PIRLS_TOLERANCE : PIRLS_STEP_TOLERANCE_NEWTON,
    );
    pirlsIterations.push(outcome.iterations);
    if (outcome.stalled) stalls++;
    if (!outcome.converged) unconverged++;
    const value =
      rule === null || thetaOnly
        ? evaluator.laplace()
        : evaluator.adaptiveGaussHermite(rule.nodes, rule.weights, scratch);
    if (value < bestValue) {
      bestValue = value;
      evaluator.anchor();
    }
    return value;
  };
  /** A joint point's objective without touching the anchor or the PIRLS record. @throws PirlsFailure */
  const evaluateQuietly = (x: Float64Array): number => {
    install(x, false);
    evaluator.pirls(false);
    return rule === null
      ? evaluator.laplace()
      : evaluator.adaptiveGaussHermite(rule.nodes, rule.weights, scratch);
  };
  const mustEvaluate = (x: Float64Array, thetaOnly: boolean, where: string): number => {
    try {
      const value = evaluate(x, thetaOnly);
      if (Number.isFinite(value)) return value;
      throw new PirlsFailure(`the objective is ${value}`);
    } catch (error) {
      if (!(error instanceof PirlsFailure)) throw error;
      throw new ModelError(`PIRLS failed at ${where}: ${error.message}`);
    }
  };
  const recorder = createRecorder(options);
  /** Minimize from `initial`; a trial point where PIRLS fails answers the start's objective. */
  const stage = (
    initial: Float64Array,
    thetaOnly: boolean,
    lower: Float64Array,
    step?: Float64Array,
    tolerances: { ftolAbs?: number } = {},
  ) => {
    bestValue = Number.POSITIVE_INFINITY;
    evaluator.clearAnchor();
    const startValue = mustEvaluate(initial, thetaOnly, "the starting values");
    const settings = resolveFitSettings(
      { ...options, ...tolerances, ...(step === undefined ? {} : { initialStep: step }) },
      lower,
      initial,
    );
    const result = runOptimizer(options, recorder, initial, settings, (x) => {
      try {
        const value = evaluate(x, thetaOnly);
        if (Number.isFinite(value)) return value;
      } catch (error) {
        if (!(error instanceof PirlsFailure)) throw error;
      }
      failures++;
      return startValue;
    });
    return { startValue, settings, result };
  };

  // Stage 1 (lme4's nAGQ = 0, and the whole of a fast fit): θ alone, β inside PIRLS, from the
  // GLM's β. Stage 2 (the default): [β; θ] from stage 1's answer, in steps of β's standard
  // errors, which a start at the GLM's β with steps of |β| handles badly (local optima with a
  // variance at zero, many more evaluations).
  const theta0 = layout.initialTheta();
  evaluator.beta.set(context.glmBeta);
  evaluator.u.fill(0);
  // Before a joint stage, stage 1 only finds its start: a looser f tolerance will do.
  const first = stage(
    theta0,
    true,
    layout.lowerBounds(),
    undefined,
    fast ? {} : { ftolAbs: options.ftolAbs ?? THETA_STAGE_FTOL_ABS },
  );
  let optimum = Float64Array.from(first.result.theta);
  let optimumValue = first.result.value;
  let polishedPoint: Float64Array | null = null;
  let polishCovariance: Float64Array | null = null;
  let { result, settings } = first;
  const initial = fast ? theta0 : concat(context.glmBeta, theta0);
  const initialObjective = first.startValue;
  if (!fast) {
    mustEvaluate(optimum, true, "the optimum of the θ-only stage");
    // The joint stage's steps read L_XX there (stage 1's runs end in the random-effects system).
    try {
      evaluator.completeFullSystem();
    } catch (error) {
      if (!(error instanceof PirlsFailure)) throw error;
      throw new ModelError(`PIRLS failed at the optimum of the θ-only stage: ${error.message}`);
    }
    const start = concat(evaluator.beta, optimum);
    const lower = concat(new Float64Array(p).fill(Number.NEGATIVE_INFINITY), layout.lowerBounds());
    const second = stage(start, false, lower, jointInitialStep(context, optimum), {
      ftolAbs: options.ftolAbs ?? JOINT_STAGE_FTOL_ABS,
    });
    result = second.result;
    settings = second.settings;
    // The Newton polish's derivative points start from the linearization at the stage's
    // answer (its best point, where the stage left the anchor), and record nothing.
    const probe = (x: Float64Array): number => {
      // The derivative points are part of fit(): an abort stops them as it stops the optimizer.
      if (options.signal?.aborted) {
        throw new FitAbortedError(recorder.fitLog.length, options.signal.reason);
      }
      try {
        const value = evaluateQuietly(x);
        return Number.isFinite(value) ? value : Number.NaN;
      } catch (error) {
        if (error instanceof PirlsFailure) return Number.NaN;
        throw error;
      }
    };
    const polishEvaluate = (x: Float64Array): number => {
      let value = Number.POSITIVE_INFINITY;
      try {
        value = evaluate(x, false);
      } catch (error) {
        if (!(error instanceof PirlsFailure)) throw error;
      }
      recorder.record(x, value);
      return value;
    };
    const polish = newtonPolish(
      probe,
      polishEvaluate,
      Float64Array.from(second.result.theta),
      second.result.value,
      p,
      lower,
    );
    if (polish.trusted) {
      optimum = Float64Array.from(polish.point);
      optimumValue = polish.value;
      polishedPoint = polish.point;
      polishCovariance = polish.covariance;
    } else {
      // The quadratic model did not hold (or could not be used): resume BOBYQA from the best
      // point at the caller's (or the default) tolerance, as without the polish.
      const resumed = polish.point;
      const third = stage(resumed, false, lower, jointInitialStep(context, resumed.subarray(p)));
      result = third.result;
      settings = third.settings;
      optimum = Float64Array.from(third.result.theta);
      optimumValue = third.result.value;
    }
  }

  const withTheta = (theta: Float64Array) => (fast ? theta : concat(optimum.subarray(0, p), theta));
  const theta = canonicalTheta(
    layout,
    fast ? optimum : optimum.subarray(p),
    optimumValue,
    (candidate) => {
      try {
        const value = evaluate(withTheta(candidate), fast);
        return Number.isFinite(value) ? value : null;
      } catch (error) {
        if (error instanceof PirlsFailure) return null;
        throw error;
      }
    },
    (candidate, value) => recorder.record(withTheta(candidate), value),
  );
  const final = withTheta(theta);
  const objective = mustEvaluate(final, fast, "the optimum");
  // The accessors read the full working model [Z X y] at the optimum.
  if (!fast) evaluator.install();
  evaluator.clearAnchor();

  const warnings = fitWarnings(options.optimizer.name, result, parts, context.isSingular());
  if (failures > 0) {
    warnings.push({
      code: "pirls-failed",
      message: `PIRLS found no conditional mode at ${failures} trial points of the optimizer (η or μ out of range); they were answered with the initial objective`,
    });
  }
  if (stalls > 0 || unconverged > 0) {
    warnings.push({
      code: "pirls-not-converged",
      message: `PIRLS stopped short of the conditional mode in ${stalls + unconverged} of ${pirlsIterations.length} evaluations (${stalls} where step halving could not reduce the penalized deviance further, ${unconverged} at the iteration limit)`,
    });
  }
  const optsum = optimizationSummary({
    optimizer: options.optimizer.name,
    fitLog: recorder.fitLog,
    result,
    settings,
    initialTheta: initial,
    initialObjective,
    finalTheta: final,
    finalObjective: objective,
  });
  // The polish's covariance holds for the point it was taken at (θ not snapped since).
  const covariance =
    polishedPoint !== null && final.every((value, i) => value === polishedPoint?.[i])
      ? polishCovariance
      : null;
  return { state: { nAGQ, fast, pirlsIterations, covariance }, objective, optsum, warnings };
}

/**
 * The joint stage's f tolerance when the caller gives none: BOBYQA stops at the first improving
 * trust-region step that gains less than this, and the Newton polish (`glmm-polish.ts`) does the
 * rest.
 */
export const JOINT_STAGE_FTOL_ABS = 1e-4;

/** Stage 1's f tolerance before a joint stage (a fast fit keeps the caller's or 1e-8). */
export const THETA_STAGE_FTOL_ABS = 1e-4;

/**
 * Stage 1's PIRLS step tolerance before a joint stage: a full Newton step of 1e-3 leaves an error
 * of order 1e-6 in (u, β) and in the objective, well inside that stage's f tolerance of 1e-4, and
 * saves about one full-system install per evaluation. A fast fit, the derivative points and
 * stage 2 keep 1e-6.
 */
export const THETA_STAGE_PIRLS_TOLERANCE = 1e-3;

/**
 * Steps for the joint stage: β in units of its standard errors at stage 1's answer (from L_XX,
 * the working model's precision of β), θ in steps of 0.1 (a tenth of its starting scale).
 */
function jointInitialStep(context: GlmmFitContext, theta: Float64Array): Float64Array {
  const { system } = context;
  const inverse = fixedFactorInverse(system);
  const p = system.p;
  const step = new Float64Array(p + theta.length);
  for (let c = 0; c < p; c++) {
    let sum = 0;
    for (let r = 0; r < p; r++) sum += inverse[r + c * p] ** 2;
    step[c] = Math.sqrt(sum) > 0 && Number.isFinite(sum) ? Math.sqrt(sum) : 1;
  }
  step.fill(0.1, p);
  return step;
}

function concat(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
