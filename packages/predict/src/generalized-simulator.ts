import { DataError, ModelError } from "@mixedmodels/core";
import { bernoulli, binomial, fillNormal, poisson, type RandomStream } from "@mixedmodels/random";
import {
  addRandomEffects,
  checkParameters,
  lambdaFactors,
  linearPredictor,
} from "./simulate-response";
import type { SimulationDesign } from "./simulation-design";

/** The response distributions a generalized model can be simulated from (no dispersion). */
export type SimulatedFamily = "bernoulli" | "binomial" | "poisson";

/** What the generalized simulator needs of a model besides its design. */
export interface GeneralizedResponse {
  readonly family: SimulatedFamily;
  /** μ = g⁻¹(η). */
  readonly inverseLink: (eta: number) => number;
  /** Binomial trials per row of the design (whole numbers ≥ 0); null for the other families. */
  readonly trials: Float64Array | null;
}

/** Fixed effects and θ of a generalized model to simulate from (there is no σ). */
export interface GeneralizedParameters {
  readonly beta: ArrayLike<number>;
  readonly theta: ArrayLike<number>;
}

/**
 * A reusable simulator of responses of a generalized mixed model: u ~ N(0, I), b = Λu,
 * η = Xβ + offset + Zb, μ = g⁻¹(η), then y | μ from the family, on the model's response scale
 * (0/1; a binomial's proportion of successes k/trials, as the model was fitted to; a count), so
 * the draws refit directly. A replicate draws u (all of it, in the Gaussian simulator's order)
 * then one response per row in row order, all from one stream: replicate i is a function of
 * stream i only. A row whose η is not finite (a missing offset) is NaN and draws nothing.
 */
export class GeneralizedSimulator {
  readonly design: SimulationDesign;
  private readonly response: GeneralizedResponse;
  private readonly mean: Float64Array;
  private readonly lambdas: Float64Array[];
  private readonly u: Float64Array;
  private readonly b: Float64Array;
  private readonly eta: Float64Array;

  /** @throws ModelError for parameters of the wrong length or non-finite; DataError for bad trials. */
  constructor(
    design: SimulationDesign,
    parameters: GeneralizedParameters,
    response: GeneralizedResponse,
  ) {
    checkParameters(design, { ...parameters, sigma: 1 });
    if ((response.family === "binomial") !== (response.trials !== null)) {
      throw new ModelError(
        "binomial simulation needs trials, and only binomial simulation takes them",
      );
    }
    if (response.trials !== null) checkTrials(response.trials, design.n);
    this.design = design;
    this.response = response;
    this.mean = linearPredictor(design, parameters.beta);
    this.lambdas = lambdaFactors(design, parameters.theta);
    this.u = new Float64Array(design.q);
    this.b = new Float64Array(design.q);
    this.eta = new Float64Array(design.n);
  }

  /**
   * One replicate into `out` (length `design.outputLength`; rows without a design get NaN).
   * @throws ModelError when a mean leaves the family's range (a Poisson mean that overflows).
   */
  simulateInto(stream: RandomStream, out: Float64Array): Float64Array {
    const { design, u, b, eta, response } = this;
    fillNormal(stream, u);
    eta.set(this.mean);
    addRandomEffects(design, this.lambdas, u, b, eta);
    const { inverseLink, trials } = response;
    const y = design.rows === null ? out : new Float64Array(design.n);
    for (let t = 0; t < design.n; t++) {
      if (!Number.isFinite(eta[t])) {
        y[t] = Number.NaN;
        continue;
      }
      const mu = inverseLink(eta[t]);
      y[t] = draw(stream, response.family, mu, trials === null ? 1 : trials[t], t);
    }
    if (design.rows !== null) {
      out.fill(Number.NaN);
      for (let t = 0; t < design.n; t++) out[design.rows[t]] = y[t];
    }
    return out;
  }
}

function draw(
  stream: RandomStream,
  family: SimulatedFamily,
  mu: number,
  trials: number,
  row: number,
): number {
  if (family === "poisson") {
    if (!(mu >= 0 && mu < Number.POSITIVE_INFINITY)) {
      throw new ModelError(
        `the Poisson mean of row ${row} is ${mu}: the parameters give a linear predictor too large to simulate from`,
      );
    }
    return poisson(stream, mu);
  }
  if (!(mu >= 0 && mu <= 1)) {
    throw new ModelError(`the probability of row ${row} is ${mu}, outside [0, 1]`);
  }
  if (family === "bernoulli") return bernoulli(stream, mu);
  // A row without trials has no successes to count; its proportion is undefined, as in R.
  if (trials === 0) return Number.NaN;
  return binomial(stream, trials, mu) / trials;
}

function checkTrials(trials: Float64Array, n: number): void {
  if (trials.length !== n) {
    throw new DataError(`there are ${trials.length} numbers of trials for ${n} rows`, {
      column: "trials",
    });
  }
  for (let t = 0; t < n; t++) {
    const value = trials[t];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new DataError(
        `the number of trials in row ${t} is ${value}; it must be a whole number ≥ 0`,
        { column: "trials", row: t },
      );
    }
  }
}
