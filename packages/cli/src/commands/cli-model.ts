import {
  DataError,
  type DataTable,
  fit,
  GeneralizedMixedModel,
  glmm,
  lmm,
  type MixedModel,
} from "mixedmodels";
import type { FitCommandOptions } from "../fit-arguments";
import { missingColumnHint } from "../input/missing-column-hint";
import type { LoadedTable } from "../input/read-table";

/** The model a command fits: linear (lmm) or generalized (glmm, with `--family`). */
export type CliModel = MixedModel | GeneralizedMixedModel;

/**
 * Whether the flags ask for a generalized model. The Gaussian family with the identity link is a
 * linear mixed model (glmer hands it to lmer too), so it is fitted as one.
 */
export function isGeneralized(options: FitCommandOptions): boolean {
  if (options.family === undefined) return false;
  return !(options.family === "gaussian" && (options.link ?? "identity") === "identity");
}

/**
 * Builds the model of the command's flags on the loaded table, not yet fitted. A DataError about a
 * missing column gets the delimiter or spelling hint of the table it was read from.
 */
export function buildCliModel(options: FitCommandOptions, loaded: LoadedTable): CliModel {
  const data: DataTable = loaded.table;
  const common = {
    contrasts: options.contrasts,
    weights: options.weights,
    offset: options.offset,
  };
  try {
    if (!isGeneralized(options)) return lmm(options.formula, data, common);
    return glmm(options.formula, data, {
      ...common,
      family: options.family as string,
      ...(options.link === undefined ? {} : { link: options.link }),
      // A boolean or two-level factor response (VerbAgg's r2 = N/Y) is 0/1 with the first level
      // the failure, as R's binomial() reads it; other families need numbers.
      binaryResponse: options.family === "bernoulli" || options.family === "binomial",
    });
  } catch (error) {
    if (error instanceof DataError) {
      const hint = missingColumnHint(error, loaded);
      if (hint !== null) throw new DataError(`${error.message}\n${hint}`, { column: error.column });
    }
    throw error;
  }
}

/** What a fit reports at every evaluation. */
export type EvaluationCallback = (evaluation: number, theta: Float64Array, value: number) => void;

/** Fits the model with the flags' criterion (REML, nAGQ, fast) and BOBYQA. */
export function fitCliModel(
  model: CliModel,
  options: FitCommandOptions,
  progress: EvaluationCallback,
): CliModel {
  if (model instanceof GeneralizedMixedModel) {
    return fit(model, { nAGQ: options.nagq, fast: options.fast, progress });
  }
  return fit(model, { reml: options.reml, progress });
}
