import { normalTwoSidedPValue, tSurvival } from "@mixedmodels/distributions";
import type { LinearMixedModel } from "@mixedmodels/models";
import { checkDdfMethod, type DdfMethod, kenwardRogerFor, satterthwaiteFor } from "./ddf-method";
import { requireLinear } from "./model-kind";

/** One fixed effect's test: t with df (Satterthwaite, Kenward–Roger) or z (df null). */
export interface TestedCoefficient {
  readonly name: string;
  readonly estimate: number;
  /** Standard error (Kenward–Roger: from the adjusted covariance Φ_A). */
  readonly stderror: number;
  /** Denominator df; null for "none" (Wald z). */
  readonly df: number | null;
  /** t (or z) = estimate / stderror. */
  readonly statistic: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** Dropped as linearly dependent: every number is NaN. */
  readonly aliased: boolean;
}

/** A coefficient table as plain JSON data, with the method that gave its df. */
export interface CoefficientTests {
  readonly ddf: DdfMethod;
  readonly rows: readonly TestedCoefficient[];
}

/**
 * Estimates, standard errors, df, t and two-sided p per fixed effect, as lmerTest's `summary`
 * prints them (`ddf: "satterthwaite"`, default, or `"kenward-roger"`, REML fits only), or the
 * model's Wald z (`"none"`). @throws ModelError for an unfitted model, an unknown method, or
 * Kenward–Roger on an ML fit.
 */
export function coeftable(
  model: LinearMixedModel,
  options: { readonly ddf?: DdfMethod } = {},
): CoefficientTests {
  const ddf = checkDdfMethod(options.ddf ?? "satterthwaite");
  if (ddf === "none") {
    return {
      ddf,
      rows: model.coeftable().map((row) => ({
        name: row.name,
        estimate: row.estimate,
        stderror: row.stderror,
        df: null,
        statistic: row.z,
        p: row.p,
        aliased: row.aliased,
      })),
    };
  }
  requireLinear(model, `coeftable with ddf "${ddf}"`);
  const method = ddf === "satterthwaite" ? satterthwaiteFor(model) : kenwardRogerFor(model);
  const X = model.parts.X;
  const beta = model.fixef();
  const p = X.p;
  const rows: TestedCoefficient[] = X.allNames.map((name) => ({
    name,
    estimate: Number.NaN,
    stderror: Number.NaN,
    df: Number.NaN,
    statistic: Number.NaN,
    p: Number.NaN,
    aliased: true,
  }));
  for (let j = 0; j < p; j++) {
    const c = new Float64Array(p);
    c[j] = 1;
    const { variance, df } = method.contrast(c);
    const stderror = Math.sqrt(variance);
    const statistic = beta[j] / stderror;
    rows[X.kept[j]] = {
      name: X.allNames[X.kept[j]],
      estimate: beta[j],
      stderror,
      df,
      statistic,
      p: twoSidedP(statistic, df),
      aliased: false,
    };
  }
  return { ddf, rows };
}

/** P(|T_df| > |t|); the normal tail for infinite df. */
export function twoSidedP(statistic: number, df: number): number {
  if (!Number.isFinite(df)) return normalTwoSidedPValue(statistic);
  return 2 * tSurvival(Math.abs(statistic), df);
}
