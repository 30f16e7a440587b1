import {
  FitAbortedError,
  type MinimizeResultV1,
  ModelError,
  type OptimizerV1,
} from "@mixedmodels/core";
import type { FitSettings } from "./fit-settings";
import { formatEvaluationLine } from "./julia-format";
import type { FitLogEntry } from "./model-types";

/** How a fit is watched: the `FitOptions` fields every model kind honours. */
export interface RunOptions {
  readonly optimizer: OptimizerV1;
  readonly verbose?: boolean;
  readonly progress?: (evaluation: number, theta: Float64Array, value: number) => void;
  readonly maxEvaluations?: number;
  readonly signal?: AbortSignal;
}

/**
 * The models do not choose an optimizer (they sit below @mixedmodels/optim), so `fit` called
 * from JavaScript without one must say so instead of failing on the missing object.
 * @throws ModelError when `options` is missing or has no optimizer with a `minimize` method.
 */
export function checkOptimizerGiven(options: unknown, method: string): void {
  const optimizer =
    typeof options === "object" && options !== null
      ? (options as { optimizer?: unknown }).optimizer
      : undefined;
  const minimize =
    typeof optimizer === "object" && optimizer !== null
      ? (optimizer as { minimize?: unknown }).minimize
      : undefined;
  if (typeof minimize === "function") return;
  const what =
    optimizer === undefined
      ? "no optimizer was given"
      : "the optimizer given has no minimize method (it does not meet the OptimizerV1 spec)";
  throw new ModelError(
    `${method} needs an optimizer, and ${what}: pass one, e.g. ${method}({ optimizer: bobyqa() }) with bobyqa from @mixedmodels/optim, or fit the model with fit(model) from the mixedmodels package, which uses BOBYQA by default`,
  );
}

/** A recorder of evaluations: the fit log, the verbose line and the progress callback. */
export interface EvaluationRecorder {
  readonly fitLog: FitLogEntry[];
  record(parameters: Float64Array, value: number): void;
}

export function createRecorder(options: RunOptions): EvaluationRecorder {
  const fitLog: FitLogEntry[] = [];
  return {
    fitLog,
    record(parameters, value) {
      fitLog.push({ theta: Float64Array.from(parameters), objective: value });
      const evaluation = fitLog.length;
      if (options.verbose) console.log(formatEvaluationLine(evaluation, parameters, value));
      options.progress?.(evaluation, Float64Array.from(parameters), value);
    },
  };
}

/**
 * Minimize `evaluate` with the chosen optimizer, logging every evaluation (a `gradient` is passed
 * on to optimizers that use one; its calls are not evaluations). The abort signal is
 * checked before every evaluation: once aborted, the fit stops with a FitAbortedError (the
 * optimizer is left at once; one that watches the signal itself and returns is treated alike).
 * @throws FitAbortedError when `options.signal` is aborted.
 */
export function runOptimizer(
  options: RunOptions,
  recorder: EvaluationRecorder,
  initial: Float64Array,
  settings: FitSettings,
  evaluate: (parameters: Float64Array) => number,
  gradient?: (parameters: Float64Array, out: Float64Array) => void,
): MinimizeResultV1 {
  const { signal } = options;
  const abortIfAsked = () => {
    if (signal?.aborted) throw new FitAbortedError(recorder.fitLog.length, signal.reason);
  };
  abortIfAsked();
  const objective = {
    dimension: initial.length,
    value: (parameters: Float64Array): number => {
      abortIfAsked();
      const value = evaluate(parameters);
      recorder.record(parameters, value);
      return value;
    },
    ...(gradient === undefined ? {} : { gradient }),
  };
  const result = options.optimizer.minimize(objective, Float64Array.from(initial), {
    bounds: { lower: settings.lower, upper: settings.upper },
    ftolRel: settings.ftolRel,
    ftolAbs: settings.ftolAbs,
    xtolAbs: settings.xtolAbs,
    initialStep: settings.initialStep,
    maxEvaluations: options.maxEvaluations,
    signal,
  });
  // An optimizer that watches the signal itself returns "aborted" instead of evaluating again.
  abortIfAsked();
  return result;
}
