import type { FittedModelSummaryV1 } from "mixedmodels";

/** The one JSON object `mixedmodels fit --json` prints; its shape never varies. */
export interface FitJsonOutput {
  formula: string;
  reml: boolean;
  nobs: number;
  objective: number;
  loglik: number;
  aic: number;
  bic: number;
  dof: number;
  sigma: number;
  theta: number[];
  fixef: { names: string[]; estimates: number[]; stderror: number[] };
  varcorr: { group: string; names: string[]; sd: number[]; corr: number[][] | null }[];
  ngroups: Record<string, number>;
  converged: boolean;
  evaluations: number;
  warnings: string[];
  seconds: number;
}

/** JSON has no NaN: aliased coefficients' standard errors become null-free by design (NaN → null). */
function finiteOrNull(value: number): number {
  return Number.isFinite(value) ? value : (null as unknown as number);
}

export function toFitJson(summary: FittedModelSummaryV1, seconds: number): FitJsonOutput {
  const ngroups: Record<string, number> = {};
  for (const entry of summary.ngroups) ngroups[entry.group] = entry.levels;
  return {
    formula: summary.formula,
    reml: summary.reml,
    nobs: summary.nobs,
    objective: summary.objective,
    loglik: summary.loglik,
    aic: summary.aic,
    bic: summary.bic,
    dof: summary.dof,
    sigma: summary.sigma,
    theta: [...summary.theta],
    fixef: {
      names: [...summary.fixef.names],
      estimates: summary.fixef.estimates.map((value) => (Object.is(value, -0) ? 0 : value)),
      stderror: summary.fixef.stderror.map(finiteOrNull),
    },
    varcorr: summary.varcorr.map((group) => ({
      group: group.group,
      names: [...group.names],
      sd: [...group.sd],
      corr: group.corr === null ? null : group.corr.map((row) => row.map((value) => value + 0)),
    })),
    ngroups,
    converged: summary.optimization.converged,
    evaluations: summary.optimization.evaluations,
    warnings: summary.warnings.map((warning) => warning.message),
    seconds,
  };
}
