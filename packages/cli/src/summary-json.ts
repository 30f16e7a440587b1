import { GeneralizedLinearMixedModel, type LinearMixedModel } from "mixedmodels";
import { summaryWithBuildWarnings } from "./model-warnings";

/**
 * The version of the JSON's shape; raised whenever a field changes meaning, goes away or is
 * added. 3: `family`, `link` and `nagq` (GLMMs; "gaussian", "identity", null for linear models).
 */
export const FIT_JSON_VERSION = 3;

/** The one JSON object `mixedmodels fit --json` prints. Numbers that do not exist are null. */
export interface FitJsonOutput {
  version: number;
  formula: string;
  reml: boolean;
  nobs: number;
  /** "gaussian" for a linear mixed model; the GLMM's family ("bernoulli", "poisson", ...). */
  family: string;
  /** R's name of the link: "identity" for a linear mixed model. */
  link: string;
  /** Gauss–Hermite nodes of a GLMM fit (1 = Laplace); null for a linear mixed model. */
  nagq: number | null;
  /**
   * Linear: the ML deviance or the REML criterion. GLMM: MixedModels.jl's objective, the Laplace
   * (or AGQ) deviance Σ deviance residuals + ‖u‖² + log-determinant, without saturated terms.
   */
  objective: number;
  /** The log-likelihood; for a GLMM with the saturated terms, as lme4's logLik for nAGQ = 1. */
  loglik: number;
  aic: number;
  bic: number;
  dof: number;
  /** The residual standard deviation; for a GLMM √dispersion, or null without dispersion. */
  sigma: number | null;
  theta: number[];
  fixef: {
    names: string[];
    estimates: number[];
    stderror: (number | null)[];
    z: (number | null)[];
    p: (number | null)[];
    aliased: boolean[];
  };
  varcorr: {
    group: string;
    names: string[];
    sd: (number | null)[];
    corr: (number | null)[][] | null;
    /** With a standard deviation of exactly zero: why the null correlations are undefined. */
    corrNotes?: { row: number; column: number; reason: string; message: string }[];
  }[];
  ngroups: Record<string, number>;
  converged: boolean;
  evaluations: number;
  warnings: { code: string; message: string }[];
  /** With `--ranef`: conditional modes per grouping factor, `values[level][column]`. */
  ranef?: { group: string; names: string[]; levels: string[]; values: number[][] }[];
  /** With `--timing` only, so that the default output is deterministic. */
  seconds?: number;
}

export interface FitJsonOptions {
  readonly ranef?: boolean;
  readonly seconds?: number;
}

/** JSON has no NaN or infinity: a number that does not exist is null; −0 prints as 0. */
function jsonNumber(value: number): number | null {
  return Number.isFinite(value) ? value + 0 : null;
}

export function toFitJson(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
  options: FitJsonOptions = {},
): FitJsonOutput {
  const summary = summaryWithBuildWarnings(model);
  const generalized = model instanceof GeneralizedLinearMixedModel ? model : null;
  const rows = model.coeftable();
  const ngroups: Record<string, number> = Object.create(null);
  for (const entry of summary.ngroups) ngroups[entry.group] = entry.levels;
  const output: FitJsonOutput = {
    version: FIT_JSON_VERSION,
    formula: summary.formula,
    reml: summary.reml,
    nobs: summary.nobs,
    family: generalized === null ? "gaussian" : generalized.familyName,
    link: generalized === null ? "identity" : generalized.linkName,
    nagq: generalized === null ? null : generalized.nAGQ,
    objective: summary.objective,
    loglik: summary.loglik,
    aic: summary.aic,
    bic: summary.bic,
    dof: summary.dof,
    sigma:
      generalized !== null && generalized.dispersion === null ? null : jsonNumber(summary.sigma),
    theta: summary.theta.map((value) => value + 0),
    fixef: {
      names: rows.map((row) => row.name),
      estimates: rows.map((row) => row.estimate + 0),
      stderror: rows.map((row) => jsonNumber(row.stderror)),
      z: rows.map((row) => jsonNumber(row.z)),
      p: rows.map((row) => jsonNumber(row.p)),
      aliased: rows.map((row) => row.aliased),
    },
    varcorr: summary.varcorr.map((group) => ({
      group: group.group,
      names: [...group.names],
      sd: group.sd.map(jsonNumber),
      corr:
        group.corr === null
          ? null
          : group.corr.map((row) =>
              row.map((value) => (value === null ? null : jsonNumber(value))),
            ),
      ...(group.corrNotes ? { corrNotes: group.corrNotes.map((note) => ({ ...note })) } : {}),
    })),
    ngroups: { ...ngroups },
    converged: summary.optimization.converged,
    evaluations: summary.optimization.evaluations,
    warnings: summary.warnings.map((warning) => ({ code: warning.code, message: warning.message })),
  };
  if (options.ranef) output.ranef = ranefJson(model);
  if (options.seconds !== undefined) output.seconds = options.seconds;
  return output;
}

function ranefJson(
  model: LinearMixedModel | GeneralizedLinearMixedModel,
): NonNullable<FitJsonOutput["ranef"]> {
  return model.ranef().map((table) => {
    const s = table.columnNames.length;
    return {
      group: table.group,
      names: [...table.columnNames],
      levels: [...table.levels],
      values: table.levels.map((_, level) =>
        Array.from(table.values.subarray(level * s, level * s + s), (value) => value + 0),
      ),
    };
  });
}
