import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import {
  DataError,
  FitAbortedError,
  MixedModelsError,
  ModelError,
  type TableInput,
} from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";
import { toDataTable } from "@mixedmodels/modelmatrix";
import type { LmmOptions } from "../lmm";
import type { MixedModel } from "../mixed-model";
import { restoreFit } from "../saved-fit/save-fit";
import type { FitReply, FitRequest } from "./fit-messages";

/** Options of `fitAsync`: those of `fit` that cross a thread (the optimizer is BOBYQA). */
export interface FitAsyncOptions {
  readonly reml?: boolean;
  readonly maxEvaluations?: number;
  readonly ftolRel?: number;
  readonly ftolAbs?: number;
  readonly xtolAbs?: number;
  /** Called on the main thread after every evaluation in the worker. */
  readonly progress?: (evaluation: number, theta: Float64Array, value: number) => void;
  /** Aborting stops the worker at once; the promise rejects with a FitAbortedError. */
  readonly signal?: AbortSignal;
}

/**
 * Build and fit a linear mixed model in a Node worker thread, so the main thread stays free.
 * Resolves with the fitted model rebuilt on this thread from the worker's saved fit: every
 * accessor gives the bits a fit on this thread would give.
 * @example
 * const m = await fitAsync("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy, {}, { signal });
 * @throws (rejects with) the error the fit would throw — FormulaSyntaxError, DataError,
 *   ModelError — or FitAbortedError when `signal` aborts.
 */
export function fitAsync(
  formula: string | ParsedFormula,
  data: TableInput,
  options: LmmOptions = {},
  fitOptions: FitAsyncOptions = {},
): Promise<MixedModel> {
  const { progress, signal, ...settings } = fitOptions;
  if (signal?.aborted) return Promise.reject(new FitAbortedError(0, signal.reason));
  // A normalized table of typed arrays crosses the thread as a structured clone; lazy tables
  // (the datasets) are decoded here once.
  const table = toDataTable(data);
  const text = typeof formula === "string" ? formula : formula.text;
  const request: FitRequest = {
    formula: text,
    data: { nrow: table.nrow, names: [...table.names], columns: { ...table.columns } },
    options,
    fit: settings,
    progress: progress !== undefined,
  };
  return new Promise((resolve, reject) => {
    const worker = startWorker(request);
    let evaluations = 0;
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      void worker.terminate();
      action();
    };
    const onAbort = () => finish(() => reject(new FitAbortedError(evaluations, signal?.reason)));
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.on("message", (message: FitReply) => {
      if (message.kind === "progress") {
        evaluations = message.evaluation;
        progress?.(message.evaluation, message.theta, message.value);
      } else if (message.kind === "done") {
        finish(() => {
          try {
            resolve(restoreFit(message.saved, table));
          } catch (error) {
            reject(error);
          }
        });
      } else finish(() => reject(rebuildError(message)));
    });
    worker.on("error", (error) => finish(() => reject(error)));
    worker.on("exit", (code) =>
      finish(() => reject(new ModelError(`the fitting worker stopped (exit code ${code})`))),
    );
  });
}

/** The worker's error as the class it had there (errors lose their class crossing threads). */
function rebuildError(message: Extract<FitReply, { kind: "error" }>): Error {
  if (message.name === "DataError") {
    return new DataError(message.message, { column: message.column, row: message.row });
  }
  if (message.name === "ModelError") return new ModelError(message.message);
  if (message.code !== undefined) {
    const error = new MixedModelsError(message.code, message.message);
    error.name = message.name;
    return error;
  }
  const error = new Error(message.message);
  error.name = message.name;
  return error;
}

// Built, this file sits next to `fit-worker.js`. Run from source (the tests), the worker is
// `fit-worker.ts`: a small bootstrap registers tsx in the worker thread first, and the source
// export condition makes the workspace packages resolve to their TypeScript.
const fromSource = import.meta.url.endsWith(".ts");

function startWorker(request: FitRequest): Worker {
  if (!fromSource)
    return new Worker(new URL("./fit-worker.js", import.meta.url), { workerData: request });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm/api")).href;
  const script = new URL("./fit-worker.ts", import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(bootstrap, {
    eval: true,
    workerData: request,
    execArgv: ["--conditions=@mixedmodels/source"],
  });
}
