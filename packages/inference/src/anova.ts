import { ModelError } from "@mixedmodels/core";
import { fSurvival } from "@mixedmodels/distributions";
import type { LinearMixedModel } from "@mixedmodels/models";
import { type TermContrast, typeOneContrasts, typeThreeContrasts } from "./anova-contrasts";
import { checkDdfMethod, type DdfMethod, kenwardRogerFor, satterthwaiteFor } from "./ddf-method";
import { requireLinear } from "./model-kind";

/** One row of an F-test table: the test of a fixed-effects term. */
export interface AnovaRow {
  readonly term: string;
  readonly numDf: number;
  readonly denDf: number;
  readonly F: number;
  readonly p: number;
}

/** lmerTest's `anova(model, type, ddf)` as plain JSON data. */
export interface AnovaTable {
  readonly type: 1 | 3;
  readonly ddf: Exclude<DdfMethod, "none">;
  readonly rows: readonly AnovaRow[];
  /** Present when the type III hypotheses meet factor combinations without rows (lmerTest's message). */
  readonly warnings?: readonly string[];
}

/**
 * F tests of the fixed-effects terms (NumDF, DenDF, F, p) as lmerTest prints them: type III
 * (default; marginal, sum-to-zero hypotheses) or type I (sequential), with Satterthwaite
 * (default) or Kenward–Roger denominator df (Kenward–Roger: pbkrtest's scaled F).
 * An intercept-only model gives no rows.
 * @throws ModelError for an unfitted model, another type, ddf "none", or Kenward–Roger on ML
 */
export function anova(
  model: LinearMixedModel,
  options: { readonly type?: 1 | 3; readonly ddf?: DdfMethod } = {},
): AnovaTable {
  requireLinear(model, "anova (F tests with denominator df)");
  const type = options.type ?? 3;
  if (type !== 1 && type !== 3)
    throw new ModelError(`anova type must be 1 or 3, got ${JSON.stringify(type)}`);
  const ddf = checkDdfMethod(options.ddf ?? "satterthwaite");
  if (ddf === "none")
    throw new ModelError('anova needs denominator df: ddf "satterthwaite" or "kenward-roger"');
  if (!model.isFitted) throw new ModelError("anova needs a fitted model; call fit() first");
  const hypotheses =
    type === 3
      ? typeThreeContrasts(model.parts)
      : { contrasts: typeOneContrasts(model.parts), emptyCells: [] };
  const contrasts: TermContrast[] = hypotheses.contrasts;
  const beta = model.fixef();
  const method = ddf === "satterthwaite" ? satterthwaiteFor(model) : kenwardRogerFor(model);
  const rows = contrasts
    .filter((contrast) => contrast.rows.length > 0)
    .map((contrast) => {
      const test = method.test(contrast.rows, beta);
      return {
        term: contrast.term,
        numDf: test.numDf,
        denDf: test.denDf,
        F: test.F,
        p: fSurvival(test.F, test.numDf, test.denDf),
      };
    });
  if (hypotheses.emptyCells.length === 0) return { type, ddf, rows };
  // lmerTest's message, as a warning the reports can print.
  const warnings = [
    `Missing cells for: ${hypotheses.emptyCells.join(", ")}. Interpret type III hypotheses with care.`,
  ];
  return { type, ddf, rows, warnings };
}
