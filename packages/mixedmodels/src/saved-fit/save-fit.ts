import { DataError, type ModelWarningV1, type TableInput } from "@mixedmodels/core";
import {
  type FitLogEntry,
  GeneralizedLinearMixedModel,
  type GlmmSavedState,
  type LinearMixedModel,
  type OptimizationSummary,
} from "@mixedmodels/models";
import { type GeneralizedMixedModel, glmm } from "../glmm";
import type { LmmOptions } from "../lmm";
import { lmm } from "../lmm";
import type { MixedModel } from "../mixed-model";
import { buildOptionsOf } from "./build-options";
import { dataFingerprint } from "./data-fingerprint";

/** The saved form of a fit: small, plain JSON (θ and the optimization record, not the data). */
export interface SavedFit {
  readonly format: "mixedmodels-fit";
  readonly version: 1;
  readonly formula: string;
  /** The `lmm()` or `glmm()` options (weights, offset as a column name or values), the criterion. */
  readonly options: SavedOptions;
  readonly data: {
    readonly nrow: number;
    readonly nobs: number;
    readonly columns: readonly string[];
    /** `dataFingerprint` of the model's numbers: restoring onto other data is an error. */
    readonly fingerprint: string;
  };
  readonly theta: readonly number[];
  readonly optsum: Omit<OptimizationSummary, "fitLog">;
  /** θ and objective at every evaluation, in order. */
  readonly fitLog: {
    readonly theta: readonly (readonly number[])[];
    readonly objective: readonly number[];
  };
  readonly warnings: readonly ModelWarningV1[];
  /** A GLMM's β, conditional modes and how it was fitted; absent for a linear model. */
  readonly glmm?: GlmmSavedState;
}

/** The saved fit of a linear mixed model (`lmm()`). */
export type SavedLinearFit = SavedFit & { readonly glmm?: undefined };
/** The saved fit of a generalized linear mixed model (`glmm()`). */
export type SavedGeneralizedFit = SavedFit & { readonly glmm: GlmmSavedState };

/** How the model was built, as `lmm()` was given it (weights by column name or as values). */
export type SavedOptions = Omit<LmmOptions, "weights" | "offset"> & {
  readonly reml: boolean;
  readonly weights?: string | (number | null)[];
  readonly offset?: string | (number | null)[];
  /** A GLMM's family and link, as `glmm()` was given them. */
  readonly family?: string;
  readonly link?: string;
};

/**
 * A fitted model as a small JSON-ready object (MixedModels.jl's `saveoptsum`): formula, options,
 * a fingerprint of the data, θ, the optimization summary and the fit log. `restoreFit(saved, data)`
 * rebuilds the model from the same data without optimizing. A GLMM's record also holds β and the
 * conditional modes u (`GlmmSavedState`).
 * @throws ModelError before `fit`; DataError when the model was not built by `lmm()` or `glmm()`
 *   (its options are unknown).
 */
export function saveFit(model: GeneralizedLinearMixedModel): SavedGeneralizedFit;
export function saveFit(model: LinearMixedModel): SavedLinearFit;
export function saveFit(model: LinearMixedModel | GeneralizedLinearMixedModel): SavedFit;
export function saveFit(model: LinearMixedModel | GeneralizedLinearMixedModel): SavedFit {
  const optsum = model.optsum;
  model.summary(); // the fitted-model check, with its message
  const built = buildOptionsOf(model);
  if (built === undefined || optsum === null) {
    throw new DataError(
      "saveFit needs a model made by lmm() or glmm(): its build options are not known",
    );
  }
  const { fitLog, ...rest } = optsum;
  const { weights, offset, ...options } = built.options;
  return {
    format: "mixedmodels-fit",
    version: 1,
    formula: built.formula,
    options: {
      ...options,
      reml: model.reml,
      ...(weights === undefined ? {} : { weights: rowValues(weights) }),
      ...(offset === undefined ? {} : { offset: rowValues(offset) }),
    },
    data: {
      nrow: model.parts.table.nrow,
      nobs: model.nobs,
      columns: [...model.parts.table.names],
      fingerprint: dataFingerprint(model.parts),
    },
    theta: Array.from(model.theta),
    optsum: rest,
    fitLog: {
      theta: fitLog.map((entry) => Array.from(entry.theta)),
      objective: fitLog.map((entry) => entry.objective),
    },
    warnings: model.warnings.map((warning) => ({ ...warning })),
    ...(model instanceof GeneralizedLinearMixedModel ? { glmm: model.savedState() } : {}),
  };
}

/** A column name as it is, values as a plain array (JSON writes a typed array as an object). */
function rowValues(values: string | ArrayLike<number | null>): string | (number | null)[] {
  return typeof values === "string" ? values : Array.from(values);
}

/**
 * Rebuild a saved fit on its data (MixedModels.jl's `restoreoptsum!`): the model is built as
 * `lmm()` built it and θ is installed without optimizing, so every accessor gives the bits the
 * saved model gave, and `summary()` works. A saved GLMM comes back as `glmm()` builds it, with
 * β and the conditional modes as saved.
 * @throws DataError for something that is not a saved fit, a newer format, or data that differ
 *   from those the fit was saved with; FormulaSyntaxError, DataError, ModelError as `lmm()` and
 *   `glmm()`.
 */
export function restoreFit(saved: SavedGeneralizedFit, data: TableInput): GeneralizedMixedModel;
export function restoreFit(saved: SavedLinearFit, data: TableInput): MixedModel;
export function restoreFit(
  saved: SavedFit | string,
  data: TableInput,
): MixedModel | GeneralizedMixedModel;
export function restoreFit(
  saved: SavedFit | string,
  data: TableInput,
): MixedModel | GeneralizedMixedModel {
  const record = parseSaved(saved);
  const { reml, family, ...options } = record.options;
  const fitLog: FitLogEntry[] = record.fitLog.objective.map((objective, i) => ({
    theta: Float64Array.from(record.fitLog.theta[i]),
    objective,
  }));
  if (record.glmm !== undefined) {
    if (family === undefined) throw new DataError("restoreFit: a saved GLMM names no family");
    // The offset as saved: a column name, or the values given to glmm().
    const offset = options.offset as string | number[] | undefined;
    const model = glmm(record.formula, data, { ...options, offset, family });
    checkSameData(model, record);
    // finalTheta as saved: for a fit over [β; θ] it holds β too.
    return model.restoreOptimization({ ...record.optsum, fitLog }, record.glmm, record.warnings);
  }
  const model = lmm(record.formula, data, { ...options, reml });
  checkSameData(model, record);
  model.restoreOptimization(
    { ...record.optsum, finalTheta: [...record.theta], fitLog },
    record.warnings,
  );
  return model;
}

function checkSameData(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
  record: SavedFit,
): void {
  const fingerprint = dataFingerprint(model.parts);
  if (model.nobs !== record.data.nobs || fingerprint !== record.data.fingerprint) {
    throw new DataError(
      `restoreFit: these data are not the ones the fit was saved with (${model.nobs} observations, fingerprint ${fingerprint}; saved: ${record.data.nobs}, ${record.data.fingerprint})`,
    );
  }
}

function parseSaved(saved: SavedFit | string): SavedFit {
  let value: unknown = saved;
  if (typeof saved === "string") {
    try {
      value = JSON.parse(saved);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DataError(`restoreFit: not JSON: ${reason}`);
    }
  }
  const record = value as Partial<SavedFit> | null;
  if (record === null || typeof record !== "object" || record.format !== "mixedmodels-fit") {
    throw new DataError('restoreFit: not a saved fit (no "format": "mixedmodels-fit")');
  }
  if (record.version !== 1) {
    throw new DataError(
      `restoreFit: saved-fit version ${String(record.version)} is not supported (this version reads 1)`,
    );
  }
  return record as SavedFit;
}
