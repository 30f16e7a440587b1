/** The glmer reference fits in test/fixtures/glmm and the data each is fitted to. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DataTable } from "@mixedmodels/core";
import { arabidopsis, cbpp, grouseticks, verbagg } from "@mixedmodels/datasets";

export interface GlmmReference {
  readonly id: string;
  readonly dataset: string;
  readonly formula: string;
  /** As R writes it: `binomial`, `poisson`, `binomial(link = "cloglog")`. */
  readonly family: string;
  readonly nAGQ: number;
  readonly weights: string;
  readonly nobs: number;
  readonly deviance_laplace: number;
  readonly loglik: number;
  readonly dof: number;
  readonly aic: number;
  readonly bic: number;
  readonly theta: number[];
  readonly fixef: { names: string[]; beta: number[]; stderror: number[] };
  readonly varcorr: { group: string; names: string[]; sd: number[]; corr: number[][] | null }[];
  readonly ngroups: Record<string, number>;
  readonly singular: boolean;
  readonly lme4_fit_seconds: number;
}

export const GLMM_CASES = [
  "cbpp_binomial",
  "cbpp_binomial_agq9",
  "cbpp_cloglog",
  "grouseticks_poisson",
  "verbagg_bernoulli",
  "verbagg_slope",
  "arabidopsis_poisson",
] as const;

export function loadGlmmReference(id: string): GlmmReference {
  const path = join(__dirname, "..", "fixtures", "glmm", `${id}.json`);
  return JSON.parse(readFileSync(path, "utf8")) as GlmmReference;
}

/** R's family text split into our family and link options. */
export function familyOptions(reference: GlmmReference): { family: string; link?: string } {
  const match = /^(\w+)(?:\(link = "(\w+)"\))?$/.exec(reference.family);
  if (match === null) throw new Error(`unexpected family ${reference.family}`);
  return match[2] === undefined ? { family: match[1] } : { family: match[1], link: match[2] };
}

/**
 * VerbAgg's r2 is a factor N/Y; glmer reads it as 0/1 with the first level the failure. The
 * table is given that 0/1 column so the test does not depend on how the model-matrix layer
 * reads a two-level factor response.
 */
function withNumericResponse(table: DataTable, name: string): DataTable {
  const column = table.columns[name];
  if (column?.kind !== "categorical") return table;
  const values = Float64Array.from(column.codes, (code) => (code < 0 ? Number.NaN : code));
  return { ...table, columns: { ...table.columns, [name]: { kind: "numeric", values } } };
}

export function glmmData(reference: GlmmReference): DataTable {
  switch (reference.dataset) {
    case "cbpp":
      return cbpp;
    case "grouseticks":
      return grouseticks;
    case "verbagg":
      return withNumericResponse(verbagg, "r2");
    case "arabidopsis":
      return arabidopsis;
    default:
      throw new Error(`unknown dataset ${reference.dataset}`);
  }
}
