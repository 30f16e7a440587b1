import { ModelError, type TableInput } from "@mixedmodels/core";
import { streamsFrom } from "@mixedmodels/random";
import type { FittedMixedModel } from "./fitted-model";
import { GaussianSimulator } from "./simulate-response";
import { modelSimulationDesign, newDataSimulationDesign } from "./simulation-design";

export interface SimulateOptions {
  /** Seed of the generator (an integer in [−2³¹, 2³²)); replicate i draws from its stream i. */
  readonly seed: number;
  /** Number of simulated responses (default 1). */
  readonly nsim?: number;
  /** Fixed effects to simulate from (default the model's); for power analyses. */
  readonly beta?: ArrayLike<number>;
  /** Residual standard deviation (default the model's). */
  readonly sigma?: number;
  /** Relative covariance parameters θ in the model's order (default the model's). */
  readonly theta?: ArrayLike<number>;
  /**
   * Rows to simulate for (default the model's own); built as predict builds them, with new
   * grouping levels given random effects of their own. Rows with a missing value give NaN.
   */
  readonly newdata?: TableInput;
}

/**
 * Responses simulated from a fitted linear mixed model, or from given parameters: `nsim` arrays,
 * each one value per row. The same seed gives the same bits on every engine, and replicate i
 * equals replicate i of `parametricBootstrap` with that seed.
 * @throws ModelError for parameters of the wrong length, a non-finite value, or a bad nsim.
 */
export function simulate(model: FittedMixedModel, options: SimulateOptions): Float64Array[] {
  const nsim = options.nsim ?? 1;
  if (!Number.isSafeInteger(nsim) || nsim < 0) {
    throw new ModelError(`nsim must be a non-negative integer, got ${nsim}`);
  }
  if (model.inverseLink !== undefined) {
    throw new ModelError("simulate supports linear mixed models so far");
  }
  const design =
    options.newdata === undefined
      ? modelSimulationDesign(model.parts)
      : newDataSimulationDesign(model.parts, options.newdata);
  const simulator = new GaussianSimulator(design, {
    beta: options.beta ?? model.fixef(),
    sigma: options.sigma ?? model.sigma,
    theta: options.theta ?? model.theta,
  });
  const streams = streamsFrom(options.seed);
  const out: Float64Array[] = [];
  for (let i = 0; i < nsim; i++) {
    out.push(simulator.simulateInto(streams.next().value, new Float64Array(design.outputLength)));
  }
  return out;
}
