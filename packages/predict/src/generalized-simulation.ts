import { DataError, ModelError, type TableInput } from "@mixedmodels/core";
import { toDataTable } from "@mixedmodels/modelmatrix";
import type { GeneralizedLinearMixedModel } from "@mixedmodels/models";
import {
  type GeneralizedParameters,
  GeneralizedSimulator,
  type SimulatedFamily,
} from "./generalized-simulator";
import { checkOffsetLength, newDataExtraOffset, type OffsetInput } from "./new-data-offset";
import {
  modelSimulationDesign,
  newDataSimulationDesign,
  type SimulationDesign,
  withExtraOffset,
} from "./simulation-design";

/** Where a generalized simulation runs and with what: the options simulate passes on. */
export interface GeneralizedSimulationOptions {
  readonly beta?: ArrayLike<number>;
  readonly theta?: ArrayLike<number>;
  readonly newdata?: TableInput;
  /** Binomial trials on new data: a newdata column name or one value per row. */
  readonly trials?: string | ArrayLike<number>;
  /** The model's `offset` option on new data (as predict's). */
  readonly offset?: OffsetInput;
}

const SIMULATED: ReadonlySet<string> = new Set(["bernoulli", "binomial", "poisson"]);

/**
 * The simulator of a fitted generalized model: on its own rows with its own offset and trials
 * (the binomial's prior weights), or on new data with predict's design rules, the offset read as
 * predict reads it, and the trials given. New grouping levels get random effects of their own.
 * @throws ModelError for a family with a dispersion parameter (not simulated yet), `trials`
 *   without newdata, or parameters of the wrong length; DataError for missing or bad trials.
 */
export function generalizedSimulator(
  model: GeneralizedLinearMixedModel,
  options: GeneralizedSimulationOptions,
): GeneralizedSimulator {
  const name = model.response.family.name;
  if (!SIMULATED.has(name)) {
    throw new ModelError(
      `simulate supports the Bernoulli, binomial and Poisson families of generalized models; this one is ${name}`,
    );
  }
  const family = name as SimulatedFamily;
  const { link } = model.response;
  const parameters: GeneralizedParameters = {
    beta: options.beta ?? model.fixef(),
    theta: options.theta ?? model.theta,
  };
  const inverseLink = (eta: number) => link.inverse(eta);
  if (options.newdata === undefined) {
    if (options.trials !== undefined) {
      throw new ModelError(
        "trials apply to new data; on its own rows a binomial model simulates with its weights",
      );
    }
    const design = modelSimulationDesign(model.parts, model.response.offset);
    const trials = family === "binomial" ? model.response.priorWeights : null;
    return new GeneralizedSimulator(design, parameters, { family, inverseLink, trials });
  }
  const base = newDataSimulationDesign(model.parts, options.newdata);
  const extra = newDataExtraOffset(model, options.newdata, options.offset);
  checkOffsetLength(extra, base.outputLength);
  const design = withExtraOffset(base, extra);
  const trials =
    family === "binomial" ? newDataTrials(design, options.newdata, options.trials) : null;
  if (family !== "binomial" && options.trials !== undefined) {
    throw new ModelError(`trials apply to binomial models; this one is ${family}`);
  }
  return new GeneralizedSimulator(design, parameters, { family, inverseLink, trials });
}

/** The trials of the design's rows, checked per input row (naming it). */
function newDataTrials(
  design: SimulationDesign,
  newdata: TableInput,
  given: string | ArrayLike<number> | undefined,
): Float64Array {
  if (given === undefined) {
    throw new ModelError(
      "a binomial simulation on new data needs the number of trials per row: pass trials (a newdata column name or one value per row)",
    );
  }
  const name = typeof given === "string" ? given : "trials";
  let values: ArrayLike<number>;
  if (typeof given === "string") {
    const table = toDataTable(newdata);
    const found = Object.hasOwn(table.columns, given) ? table.columns[given] : undefined;
    if (found === undefined || found.kind !== "numeric") {
      throw new DataError(`newdata has no numeric trials column '${given}'`, { column: given });
    }
    values = found.values;
  } else values = given;
  if (values.length !== design.outputLength) {
    throw new DataError(
      `there are ${values.length} numbers of trials but newdata has ${design.outputLength} rows`,
      { column: name },
    );
  }
  const rows = design.rows;
  const out = new Float64Array(design.n);
  for (let t = 0; t < design.n; t++) {
    const row = rows === null ? t : rows[t];
    const value = values[row];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new DataError(
        `the number of trials in row ${row} is ${value}; it must be a whole number ≥ 0`,
        { column: name, row },
      );
    }
    out[t] = value;
  }
  return out;
}
