import { ModelError } from "@mixedmodels/core";
import type { BootstrapReplicate } from "./bootstrap-types";
import { ReplicateEngine, type ReplicateSpec } from "./replicate-engine";

type WorkerModule = typeof import("node:worker_threads");
type WorkerThread = InstanceType<WorkerModule["Worker"]>;

/** Node's worker threads, or null where there are none (a browser, a restricted runtime). */
export async function loadWorkerThreads(): Promise<WorkerModule | null> {
  try {
    const threads = await import("node:worker_threads");
    // A browser bundle may resolve the import to an empty stand-in (Vite's browser-external
    // module): without a Worker class that is no worker threads either.
    return typeof threads.Worker === "function" ? threads : null;
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
  /** Threads in all, this one included: `workers − 1` worker threads are started. */
  readonly workers: number;
  /** Replicates per batch; by default small enough that every thread gets several batches. */
  readonly batchSize?: number;
  readonly onReplicate: (replicate: BootstrapReplicate) => void;
  readonly signal?: AbortSignal;
}

/** Batches each worker holds at once, so it never waits for this thread to hand it the next. */
const BATCHES_IN_FLIGHT = 2;
/** How long this thread computes before it lets the workers' messages and an abort in. */
const YIELD_AFTER_MS = 10;

/**
 * Runs replicates on this thread and `workers − 1` worker threads, all taking batches of
 * consecutive indices from one queue in increasing order (so each thread's stream only moves
 * forward). This thread is one of the workers because its code is already compiled and warm:
 * a worker thread spends its first few hundred milliseconds starting and compiling, which on a
 * two-second run of small refits is most of what a second worker would give.
 * Resolves when all are done or, after an abort, when the workers are stopped.
 * @throws ModelError with a worker's message when a replicate fails.
 */
export async function runOnWorkers(
  threads: WorkerModule,
  spec: ReplicateSpec,
  run: PoolRun,
): Promise<void> {
  const lanes = Math.max(1, run.workers);
  const batchSize =
    run.batchSize ?? Math.max(1, Math.min(8, Math.floor(run.indices.length / (4 * lanes))));
  const batches: number[][] = [];
  for (let k = 0; k < run.indices.length; k += batchSize) {
    batches.push(run.indices.slice(k, k + batchSize));
  }
  let next = 0;
  let failure: Error | null = null;
  const stopped = () => failure !== null || run.signal?.aborted === true;
  const remote = startWorkers(threads, spec, Math.min(lanes - 1, batches.length - 1), {
    signal: run.signal,
    takeBatch: () => (stopped() || next >= batches.length ? null : batches[next++]),
    onReplicate: run.onReplicate,
    onFailure: (error) => {
      failure ??= error;
    },
  });
  let engine: ReplicateEngine | null = null;
  let lastYield = Date.now();
  while (!stopped() && next < batches.length) {
    const batch = batches[next++];
    engine ??= new ReplicateEngine(spec);
    for (const index of batch) {
      if (stopped()) break;
      run.onReplicate(engine.replicate(index));
      if (Date.now() - lastYield > YIELD_AFTER_MS) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
    await yieldToEventLoop();
    lastYield = Date.now();
  }
  await remote.finished(stopped);
  if (failure !== null) throw failure;
}

interface WorkerHooks {
  readonly signal: AbortSignal | undefined;
  readonly takeBatch: () => number[] | null;
  readonly onReplicate: (replicate: BootstrapReplicate) => void;
  readonly onFailure: (error: Error) => void;
}

/**
 * Starts `count` worker threads fed from `takeBatch`; `finished` resolves once every batch handed
 * out has come back (or at once after a failure or abort) and the threads are terminated.
 */
function startWorkers(
  threads: WorkerModule,
  spec: ReplicateSpec,
  count: number,
  hooks: WorkerHooks,
): { finished: (stopped: () => boolean) => Promise<void> } {
  const { url, execArgv } = workerEntry();
  const pool: WorkerThread[] = [];
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const settle = () => wake?.();
  const feed = (worker: WorkerThread) => {
    const batch = hooks.takeBatch();
    if (batch === null) return;
    inFlight++;
    worker.postMessage({ indices: batch });
  };
  hooks.signal?.addEventListener("abort", settle);
  const fail = (error: Error) => {
    hooks.onFailure(error);
    settle();
  };
  for (let w = 0; w < count; w++) {
    const worker = new threads.Worker(url, { workerData: spec, execArgv });
    pool.push(worker);
    worker.on("message", (message: WorkerMessage) => {
      if (message.kind === "replicate") hooks.onReplicate(message.replicate);
      else if (message.kind === "batch-done") {
        inFlight--;
        feed(worker);
        settle();
      } else fail(new ModelError(`bootstrap worker failed: ${message.message}`));
    });
    worker.on("error", (error) => fail(new ModelError(`bootstrap worker failed: ${error.message}`)));
    for (let b = 0; b < BATCHES_IN_FLIGHT; b++) feed(worker);
  }
  return {
    finished: async (stopped) => {
      while (inFlight > 0 && !stopped()) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = null;
      }
      hooks.signal?.removeEventListener("abort", settle);
      await Promise.all(pool.map((worker) => worker.terminate()));
    },
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

type WorkerMessage =
  | { kind: "replicate"; replicate: BootstrapReplicate }
  | { kind: "batch-done" }
  | { kind: "error"; message: string };
