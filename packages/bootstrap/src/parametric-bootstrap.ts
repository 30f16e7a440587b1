import { ModelError } from "@mixedmodels/core";
import { GeneralizedLinearMixedModel, type LinearMixedModel } from "@mixedmodels/models";
import type {
  BootstrapNames,
  BootstrapParameters,
  BootstrapReplicate,
  BootstrapResult,
  GeneralizedSettings,
} from "./bootstrap-types";
import { ReplicateEngine, type ReplicateSpec } from "./replicate-engine";
import { loadWorkerThreads, runOnWorkers } from "./worker-pool";

export interface BootstrapOptions {
  /** Seed (an integer in [−2³¹, 2³²)): replicate i draws its response from stream i. */
  readonly seed: number;
  /**
   * Threads to run replicates on, this one included (default 1: only this one; 2 adds one worker
   * thread). Results are bit-identical for any number; where there are no worker threads (a
   * browser) the replicates run in sequence here.
   */
  readonly workers?: number;
  /** Parameters to simulate from (default the model's estimates). */
  readonly beta?: ArrayLike<number>;
  /** Linear models only (a Bernoulli, binomial or Poisson model has no σ). */
  readonly sigma?: number;
  readonly theta?: ArrayLike<number>;
  /** Called after each replicate with the number done and the total. */
  readonly progress?: (done: number, total: number) => void;
  /** Cancels the run: the result then holds the replicates finished so far (`complete: false`). */
  readonly signal?: AbortSignal;
  /** An earlier (partial) run with the same model, seed and parameters: its replicates are kept. */
  readonly resume?: BootstrapResult;
  /**
   * Replicates per batch handed to a thread (default: up to 8, fewer when that would leave a
   * thread without several batches).
   */
  readonly batchSize?: number;
}

/**
 * Parametric bootstrap of a fitted linear or generalized mixed model: `n` responses simulated
 * from the model (or from given parameters), each refitted, giving per replicate the objective,
 * σ, β, θ, the random-effect sds and correlations and the standard errors. A generalized model
 * (Bernoulli, binomial, Poisson) is refitted as it was fitted: the same family, link, offset and
 * nAGQ (Laplace by default), its standard errors from the Hessian as `stderror()` gives them.
 * Replicate i uses stream i of the seed, so the result is the same bit for bit for 1, 2 or 8
 * workers and for a resumed run.
 * @throws ModelError for an unfitted model, a bad n or workers, sigma for a generalized model, a
 *   resume from another run, or a failed refit.
 */
export async function parametricBootstrap(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
  n: number,
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  if (!model.isFitted) throw new ModelError("parametricBootstrap needs a fitted model");
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new ModelError(`the number of replicates must be a non-negative integer, got ${n}`);
  }
  const workers = options.workers ?? 1;
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ModelError(`workers must be a positive integer, got ${workers}`);
  }
  const generalized = model instanceof GeneralizedLinearMixedModel ? settingsOf(model) : undefined;
  if (generalized !== undefined && options.sigma !== undefined) {
    throw new ModelError(`sigma does not apply to a ${generalized.family} model`);
  }
  const parameters: BootstrapParameters = {
    beta: Array.from(options.beta ?? model.fixef()),
    sigma: options.sigma ?? model.sigma,
    theta: Array.from(options.theta ?? model.theta),
  };
  const header = {
    version: 1 as const,
    formula: model.parts.formula.text,
    reml: model.reml,
    ...(generalized === undefined ? {} : { generalized }),
    seed: options.seed,
    parameters,
    names: bootstrapNames(model),
  };
  const done = new Map<number, BootstrapReplicate>();
  if (options.resume !== undefined) {
    checkSameRun(options.resume, header);
    for (const row of options.resume.replicates)
      if (row.replicate < n) done.set(row.replicate, row);
  }
  const indices: number[] = [];
  for (let i = 0; i < n; i++) if (!done.has(i)) indices.push(i);
  const spec: ReplicateSpec = {
    parts: model.parts,
    reml: model.reml,
    seed: options.seed,
    parameters,
    ...(generalized === undefined ? {} : { generalized: withOffset(model, generalized) }),
  };
  const onReplicate = (row: BootstrapReplicate) => {
    done.set(row.replicate, row);
    options.progress?.(done.size, n);
  };
  const threads = workers > 1 && indices.length > 1 ? await loadWorkerThreads() : null;
  if (threads !== null) {
    await runOnWorkers(threads, spec, {
      indices,
      workers,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      onReplicate,
      signal: options.signal,
    });
  } else {
    await runInSequence(spec, indices, onReplicate, options.signal);
  }
  const replicates = [...done.values()].sort((a, b) => a.replicate - b.replicate);
  return { ...header, replicates, complete: replicates.length === n };
}

/** The fallback: replicates here, yielding to the event loop between batches so aborts arrive. */
async function runInSequence(
  spec: ReplicateSpec,
  indices: readonly number[],
  onReplicate: (row: BootstrapReplicate) => void,
  signal: AbortSignal | undefined,
): Promise<void> {
  const engine = new ReplicateEngine(spec);
  let lastYield = Date.now();
  for (const index of indices) {
    if (signal?.aborted) return;
    onReplicate(engine.replicate(index));
    if (Date.now() - lastYield > 20) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = Date.now();
    }
  }
}

/** The family, link and quadrature a generalized model was fitted with. */
function settingsOf(model: GeneralizedLinearMixedModel): GeneralizedSettings {
  return { family: model.familyName, link: model.linkName, nAGQ: model.nAGQ, fast: model.fast };
}

/** The settings plus the model's `offset` option as plain data, for the replicate engines. */
function withOffset(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
  settings: GeneralizedSettings,
): NonNullable<ReplicateSpec["generalized"]> {
  const offset = model instanceof GeneralizedLinearMixedModel ? model.offsetOption : undefined;
  if (offset === undefined) return settings;
  return { ...settings, offset: typeof offset === "string" ? offset : Array.from(offset) };
}

/** lme4's names: fixed effects, θ, `sd_(Intercept)|Subject`, `cor_Days.(Intercept)|Subject`. */
export function bootstrapNames(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
): BootstrapNames {
  const groups = model.varCorr().groups;
  return {
    beta: model.fixefnames(),
    theta: model.thetaNames(),
    sds: groups.flatMap((group) => group.names.map((name) => `sd_${name}|${group.group}`)),
    correlations: groups.flatMap((group) => {
      if (group.corr === null) return [];
      const out: string[] = [];
      for (let c = 0; c < group.names.length; c++) {
        for (let r = c + 1; r < group.names.length; r++) {
          out.push(`cor_${group.names[r]}.${group.names[c]}|${group.group}`);
        }
      }
      return out;
    }),
  };
}

/** Two runs are parts of one when model, seed and parameters agree exactly. */
export function checkSameRun(
  a: Pick<BootstrapResult, "formula" | "reml" | "generalized" | "seed" | "parameters" | "names">,
  b: Pick<BootstrapResult, "formula" | "reml" | "generalized" | "seed" | "parameters" | "names">,
): void {
  const same =
    a.formula === b.formula &&
    a.reml === b.reml &&
    JSON.stringify(a.generalized ?? null) === JSON.stringify(b.generalized ?? null) &&
    a.seed === b.seed &&
    JSON.stringify(a.parameters) === JSON.stringify(b.parameters) &&
    JSON.stringify(a.names) === JSON.stringify(b.names);
  if (!same) {
    throw new ModelError(
      "the bootstrap runs differ in model, seed or parameters; only parts of one run combine",
    );
  }
}
