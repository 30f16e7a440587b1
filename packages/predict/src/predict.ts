import { DataError, ModelError, type TableInput } from "@mixedmodels/core";
import { newDataDesign } from "@mixedmodels/modelmatrix";
import { type FittedMixedModel, inverseLinkOf, selectedTerms } from "./fitted-model";
import { checkOffsetLength, newDataExtraOffset, type OffsetInput } from "./new-data-offset";

/** What to do with a level of a grouping factor that the model was not fitted with. */
export type NewLevelPolicy = "error" | "population" | "missing";

export interface PredictOptions {
  /**
   * Unseen grouping levels: "error" (default, as lme4) throws a DataError naming the factor and
   * levels; "population" gives those rows no random effect (lme4's `allow.new.levels = TRUE`);
   * "missing" gives NaN for them.
   */
  readonly newLevels?: NewLevelPolicy;
  /** "response" (default): the mean μ = g⁻¹(η); "link": the linear predictor η. */
  readonly type?: "response" | "link";
  /**
   * Random-effects terms to include (lme4's `re.form`): "all" (default), "none" (fixed effects
   * only) or a list of grouping factors.
   */
  readonly terms?: "all" | "none" | readonly string[];
  /**
   * For a generalized model fitted with an `offset` option: that offset on the new rows, a
   * newdata column name or one value per row. Default: the model's offset column, read from
   * newdata. (The formula's `offset(...)` terms are always evaluated on newdata.)
   */
  readonly offset?: OffsetInput;
}

/**
 * Predictions of a fitted model for new data, one per row in the input order: Xβ (+ offset) plus
 * the conditional modes of the terms asked for, through the inverse link for `type: "response"`
 * (a generalized model's mean; for a binomial the probability, as lme4).
 * The design is built from the model's stored levels, contrasts and transforms (no response
 * column needed; a factor with one level works). A row with a missing predictor gives NaN.
 *
 * @throws DataError for an absent column, an unseen level of a fixed-effect factor (column and
 *   level), or with `newLevels: "error"` an unseen grouping level (factor and levels);
 *   ModelError for a `terms` entry that is not a grouping factor of the model.
 */
export function predict(
  model: FittedMixedModel,
  newdata: TableInput,
  options: PredictOptions = {},
): Float64Array {
  const policy = options.newLevels ?? "error";
  if (policy !== "error" && policy !== "population" && policy !== "missing") {
    throw new ModelError(`newLevels must be "error", "population" or "missing", got '${policy}'`);
  }
  const type = options.type ?? "response";
  if (type !== "response" && type !== "link") {
    throw new ModelError(`type must be "response" or "link", got '${type}'`);
  }
  const { parts } = model;
  const included = selectedTerms(parts, options.terms ?? "all", (m) => new ModelError(m));
  const design = newDataDesign(parts, newdata, { randomTerms: included });
  if (policy === "error") {
    for (const term of design.reterms) {
      if (term !== null && term.unseenLevels.length > 0) {
        const levels = term.unseenLevels;
        throw new DataError(
          `grouping factor '${term.group}' has level${levels.length === 1 ? "" : "s"} ${levels.map((l) => `'${l}'`).join(", ")} in newdata that the model was not fitted with; predict with newLevels: "population" (no random effect for them) or "missing" (NaN)`,
          { column: term.group },
        );
      }
    }
  }
  const extraOffset = newDataExtraOffset(model, newdata, options.offset);
  checkOffsetLength(extraOffset, design.nrow);
  const beta = model.fixef();
  const m = design.rows.length;
  const eta = design.offset === null ? new Float64Array(m) : Float64Array.from(design.offset);
  if (extraOffset !== null) {
    // A missing offset value leaves its row without a prediction, as a missing predictor does.
    for (let t = 0; t < m; t++) {
      const value = extraOffset[design.rows[t]];
      eta[t] = Number.isFinite(value) ? eta[t] + value : Number.NaN;
    }
  }
  for (let c = 0; c < design.p; c++) {
    const bc = beta[c];
    const column = design.X.subarray(c * m, (c + 1) * m);
    for (let t = 0; t < m; t++) eta[t] += column[t] * bc;
  }
  const modes = model.ranef();
  design.reterms.forEach((term, j) => {
    if (term === null) return;
    const { s, z, refs } = term;
    const b = modes[j].values;
    for (let t = 0; t < m; t++) {
      const level = refs[t];
      if (level < 0) {
        if (policy === "missing") eta[t] = Number.NaN;
        continue;
      }
      let sum = 0;
      for (let r = 0; r < s; r++) sum += z[t * s + r] * b[level * s + r];
      eta[t] += sum;
    }
  });
  const out = new Float64Array(design.nrow).fill(Number.NaN);
  const scale = type === "link" ? null : inverseLinkOf(model);
  for (let t = 0; t < m; t++) out[design.rows[t]] = scale === null ? eta[t] : scale(eta[t]);
  return out;
}
