import { ModelError, type TableInput } from "@mixedmodels/core";
import { GeneralizedLinearMixedModel } from "@mixedmodels/models";
import { type RandomStream, streamsFrom } from "@mixedmodels/random";
import type { FittedMixedModel } from "./fitted-model";
import { generalizedSimulator } from "./generalized-simulation";
import type { OffsetInput } from "./new-data-offset";
import { GaussianSimulator } from "./simulate-response";
import { modelSimulationDesign, newDataSimulationDesign } from "./simulation-design";

export interface SimulateOptions {
  /** Seed of the generator (an integer in [−2³¹, 2³²)); replicate i draws from its stream i. */
  readonly seed: number;
  /** Number of simulated responses (default 1). */
  readonly nsim?: number;
  /** Fixed effects to simulate from (default the model's); for power analyses. */
  readonly beta?: ArrayLike<number>;
  /** Residual standard deviation (default the model's); linear models only. */
  readonly sigma?: number;
  /** Relative covariance parameters θ in the model's order (default the model's). */
  readonly theta?: ArrayLike<number>;
  /**
   * Rows to simulate for (default the model's own); built as predict builds them, with new
   * grouping levels given random effects of their own. Rows with a missing value give NaN.
   */
  readonly newdata?: TableInput;
  /** Binomial models on newdata: trials per row, a newdata column name or one value per row. */
  readonly trials?: string | ArrayLike<number>;
  /** Generalized models on newdata: the model's `offset` option there (as predict's). */
  readonly offset?: OffsetInput;
}

/** Anything that draws one replicate from a stream. */
interface Simulator {
  readonly design: { readonly outputLength: number };
  simulateInto(stream: RandomStream, out: Float64Array): Float64Array;
}

/**
 * Responses simulated from a fitted mixed model, or from given parameters: `nsim` arrays, each
 * one value per row, on the model's response scale: Gaussian for a linear model; 0/1, the
 * proportion of successes (of the model's weights, or the given trials) or counts for a
 * Bernoulli, binomial or Poisson model. The same seed gives the same bits on every engine, and
 * replicate i equals replicate i of `parametricBootstrap` with that seed.
 * @throws ModelError for parameters of the wrong length, a non-finite value, a bad nsim, sigma
 *   for a generalized model, or a family simulate does not support; DataError for bad trials.
 */
export function simulate(
  model: FittedMixedModel | GeneralizedLinearMixedModel,
  options: SimulateOptions,
): Float64Array[] {
  const nsim = options.nsim ?? 1;
  if (!Number.isSafeInteger(nsim) || nsim < 0) {
    throw new ModelError(`nsim must be a non-negative integer, got ${nsim}`);
  }
  const simulator = simulatorFor(model, options);
  const streams = streamsFrom(options.seed);
  const out: Float64Array[] = [];
  for (let i = 0; i < nsim; i++) {
    const y = new Float64Array(simulator.design.outputLength);
    out.push(simulator.simulateInto(streams.next().value, y));
  }
  return out;
}

function simulatorFor(
  model: FittedMixedModel | GeneralizedLinearMixedModel,
  options: SimulateOptions,
): Simulator {
  if (model instanceof GeneralizedLinearMixedModel) {
    if (options.sigma !== undefined) {
      throw new ModelError(
        `sigma does not apply to a ${model.familyName} model, which has no dispersion parameter`,
      );
    }
    return generalizedSimulator(model, options);
  }
  if (model.inverseLink !== undefined) {
    throw new ModelError("simulate takes a LinearMixedModel or a GeneralizedLinearMixedModel");
  }
  if (options.trials !== undefined || options.offset !== undefined) {
    throw new ModelError("trials and offset apply to generalized models");
  }
  const design =
    options.newdata === undefined
      ? modelSimulationDesign(model.parts)
      : newDataSimulationDesign(model.parts, options.newdata);
  return new GaussianSimulator(design, {
    beta: options.beta ?? model.fixef(),
    sigma: options.sigma ?? model.sigma,
    theta: options.theta ?? model.theta,
  });
}
