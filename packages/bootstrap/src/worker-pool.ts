import { ModelError } from "@mixedmodels/core";
import type { BootstrapReplicate } from "./bootstrap-types";
import type { ReplicateSpec } from "./replicate-engine";

type WorkerModule = typeof import("node:worker_threads");

/** Node's worker threads, or null where there are none (a browser, a restricted runtime). */
export async function loadWorkerThreads(): Promise<WorkerModule | null> {
  try {
    return await import("node:worker_threads");
  } catch {
    return null;
  }
}

/**
 * The worker script: the built file next to this one, or, when this module runs from its
 * TypeScript source (tests), an entry that loads the source through tsx, resolving sibling
 * packages to their sources too.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const here = import.meta.url;
  if (here.endsWith(".ts")) {
    return {
      url: new URL("./bootstrap-worker-source.mjs", here),
      execArgv: ["--conditions=@mixedmodels/source"],
    };
  }
  return { url: new URL("./bootstrap-worker.js", here), execArgv: [] };
}

export interface PoolRun {
  readonly indices: readonly number[];
  readonly workers: number;
  readonly batchSize: number;
  readonly onReplicate: (replicate: BootstrapReplicate) => void;
  readonly signal?: AbortSignal;
}

/**
 * Runs replicates on `workers` threads, handing out batches of consecutive indices in increasing
 * order (so each worker's stream only moves forward). Resolves when all are done or, after an
 * abort, when the workers are stopped.
 * @throws ModelError with a worker's message when a replicate fails.
 */
export function runOnWorkers(
  threads: WorkerModule,
  spec: ReplicateSpec,
  run: PoolRun,
): Promise<void> {
  const { url, execArgv } = workerEntry();
  const batches: number[][] = [];
  for (let k = 0; k < run.indices.length; k += run.batchSize) {
    batches.push(run.indices.slice(k, k + run.batchSize));
  }
  const count = Math.max(1, Math.min(run.workers, batches.length));
  return new Promise<void>((resolve, reject) => {
    const pool: InstanceType<WorkerModule["Worker"]>[] = [];
    let next = 0;
    let running = 0;
    let finished = false;
    const stop = (error?: Error) => {
      if (finished) return;
      finished = true;
      run.signal?.removeEventListener("abort", onAbort);
      Promise.all(pool.map((worker) => worker.terminate())).then(
        () => (error ? reject(error) : resolve()),
        reject,
      );
    };
    const onAbort = () => stop();
    run.signal?.addEventListener("abort", onAbort);
    const dispatch = (worker: InstanceType<WorkerModule["Worker"]>) => {
      if (next < batches.length) {
        running++;
        worker.postMessage({ indices: batches[next++] });
      } else if (running === 0) stop();
    };
    for (let w = 0; w < count; w++) {
      const worker = new threads.Worker(url, { workerData: spec, execArgv });
      pool.push(worker);
      worker.on("message", (message: WorkerMessage) => {
        if (finished) return;
        if (message.kind === "replicate") run.onReplicate(message.replicate);
        else if (message.kind === "batch-done") {
          running--;
          dispatch(worker);
        } else stop(new ModelError(`bootstrap worker failed: ${message.message}`));
      });
      worker.on("error", (error) =>
        stop(new ModelError(`bootstrap worker failed: ${error.message}`)),
      );
    }
    if (run.signal?.aborted) stop();
    else for (const worker of pool) dispatch(worker);
  });
}

type WorkerMessage =
  | { kind: "replicate"; replicate: BootstrapReplicate }
  | { kind: "batch-done" }
  | { kind: "error"; message: string };
