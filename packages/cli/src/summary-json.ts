import type { LinearMixedModel } from "mixedmodels";

/** The version of the JSON's shape; raised whenever a field changes meaning or goes away. */
export const FIT_JSON_VERSION = 2;

/** The one JSON object `mixedmodels fit --json` prints. Numbers that do not exist are null. */
export interface FitJsonOutput {
  version: number;
  formula: string;
  reml: boolean;
  nobs: number;
  objective: number;
  loglik: number;
  aic: number;
  bic: number;
  dof: number;
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

export function toFitJson(model: LinearMixedModel, options: FitJsonOptions = {}): FitJsonOutput {
  const summary = model.summary();
  const rows = model.coeftable();
  const ngroups: Record<string, number> = Object.create(null);
  for (const entry of summary.ngroups) ngroups[entry.group] = entry.levels;
  const output: FitJsonOutput = {
    version: FIT_JSON_VERSION,
    formula: summary.formula,
    reml: summary.reml,
    nobs: summary.nobs,
    objective: summary.objective,
    loglik: summary.loglik,
    aic: summary.aic,
    bic: summary.bic,
    dof: summary.dof,
    sigma: jsonNumber(summary.sigma),
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

function ranefJson(model: LinearMixedModel): NonNullable<FitJsonOutput["ranef"]> {
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
