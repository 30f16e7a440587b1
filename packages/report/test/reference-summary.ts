import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FittedModelSummaryV1 } from "@mixedmodels/core";

interface ReferenceFit {
  readonly formula: string;
  readonly reml: boolean;
  readonly nobs: number;
  readonly objective: number;
  readonly loglik: number;
  readonly dof: number;
  readonly aic: number;
  readonly bic: number;
  readonly sigma: number;
  readonly theta: number[];
  readonly fixef: { names: string[]; beta: number[]; stderror: number[] };
  readonly varcorr: { group: string; names: string[]; sd: number[]; corr: number[][] | null }[];
  readonly ngroups: Record<string, number>;
  readonly singular: boolean;
}

/** A `FittedModelSummaryV1` built from an lme4 reference fit in `fixtures/<name>.json`. */
export function referenceSummary(name: string): FittedModelSummaryV1 {
  const fit: ReferenceFit = JSON.parse(
    readFileSync(join(import.meta.dirname, "fixtures", `${name}.json`), "utf8"),
  );
  const k = fit.dof;
  return {
    specificationVersion: "v1",
    formula: fit.formula,
    reml: fit.reml,
    nobs: fit.nobs,
    objective: fit.objective,
    loglik: fit.loglik,
    aic: fit.aic,
    bic: fit.bic,
    aicc: fit.aic + (2 * k * (k + 1)) / (fit.nobs - k - 1),
    dof: fit.dof,
    sigma: fit.sigma,
    theta: fit.theta,
    fixef: {
      names: fit.fixef.names,
      estimates: fit.fixef.beta,
      stderror: fit.fixef.stderror,
      aliased: fit.fixef.names.map(() => false),
    },
    varcorr: fit.varcorr.map((group) => ({ ...group })),
    ngroups: Object.entries(fit.ngroups).map(([group, levels]) => ({ group, levels })),
    warnings: [],
    optimization: {
      optimizer: "lme4 (reference fit)",
      evaluations: 0,
      status: "converged",
      converged: true,
      message: "",
      initialTheta: fit.theta.map(() => 1),
      initialObjective: Number.NaN,
    },
    singular: fit.singular,
  };
}
