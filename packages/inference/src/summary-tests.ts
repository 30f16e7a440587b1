import type { FittedModelSummaryV1 } from "@mixedmodels/core";
import type { LinearMixedModel } from "@mixedmodels/models";
import { coeftable } from "./coeftable";
import { checkDdfMethod, type DdfMethod } from "./ddf-method";

/**
 * The model's summary with its fixed effects tested with denominator df
 * (`fixedEffectsTests`), which @mixedmodels/report prints as lmerTest's t table with a note
 * naming the method; `"none"` gives the plain summary (Wald z).
 * @throws ModelError as `coeftable`
 */
export function summaryWithTests(model: LinearMixedModel, ddf: DdfMethod): FittedModelSummaryV1 {
  const summary = model.summary();
  const method = checkDdfMethod(ddf);
  if (method === "none") return summary;
  const rows = coeftable(model, { ddf: method }).rows;
  return {
    ...summary,
    fixedEffectsTests: {
      method,
      stderror: rows.map((row) => row.stderror),
      df: rows.map((row) => row.df ?? Number.NaN),
      t: rows.map((row) => row.statistic),
      p: rows.map((row) => row.p),
    },
  };
}
