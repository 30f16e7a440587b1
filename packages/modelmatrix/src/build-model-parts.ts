import {
  DataError,
  type DataTable,
  ModelError,
  ownEntries,
  type TableInput,
  tableColumn,
} from "@mixedmodels/core";
import type { Expr, ParsedFormula, TermFactor } from "@mixedmodels/formula";
import type { Contrast } from "./contrasts/contrast";
import { designColumns } from "./design/design-columns";
import { fixedEffectsMatrix } from "./design/fixed-effects-matrix";
import { checkFixedEffectsSize } from "./design/fixed-effects-size";
import {
  type CategoricalFactor,
  type EvaluatedFactor,
  evaluateFactor,
} from "./evaluate/evaluate-factor";
import type { EvaluationContext } from "./evaluate/evaluation-context";
import { formulaAsFitted } from "./formula-warnings";
import type { ModelPartsOptions } from "./model-parts-options";
import { groupingFactor } from "./random/grouping-factor";
import { assembleRandomEffects, type BarTerm, checkBarTerm } from "./random/random-effects-terms";
import { resolveFormula } from "./resolve-formula";
import { modelResponse } from "./response/model-response";
import { offsetValues, weightValues } from "./row-values";
import { didYouMean } from "./table/closest-names";
import { completeRows } from "./table/complete-rows";
import { applyTableOptions, toDataTable } from "./table/to-data-table";
import type { ModelParts } from "./types";

/**
 * Builds the numeric parts of a mixed model: y, X (rank-checked), weights, offset and one
 * `RandomEffectsMatrix` per grouping factor.
 *
 * Rows with a missing value (NaN, null, "", "NA", "NaN", a missing level) in any variable the
 * formula uses, or in the weights or offset option, are dropped and listed in `droppedRows`;
 * columns the formula does not use do not matter. Levels that do not occur in the rows used are dropped. Transforms such as
 * `scale(x)` and `poly(x, k)` are computed over the rows used.
 *
 * Responses: numeric arithmetic, lme4's `cbind(successes, failures)` (proportion, trials into the
 * weights), or with `binaryResponse` a boolean / two-level factor as 0/1 (see `ResponseKind`).
 * Fixed-effects terms that contain the response are dropped with a warning, as R does; the
 * warnings are in `warnings`.
 *
 * Columns of X are named in lme4's style (see README): `(Intercept)`, `Days`, `recipeB`,
 * `dept5:service1`, `log(x)`, `poly(x, 2)1`; `X.mixedModelsNames` holds MixedModels.jl's names.
 *
 * @throws ModelError when X would be too large (more than `maxFixedEffects` columns, default
 *   2000, or 2^28 entries; the message gives the sizes and suggests a random-effects term), the
 *   formula has no random-effects term or no response, a grouping
 *   factor has fewer than 2 levels, as many levels as observations, or a term has at least as
 *   many random effects as there are observations (lme4's checks; `kind: "glmm"` relaxes the last
 *   two as `glmer` does).
 * @throws DataError for an unknown column (with the closest names), unequal column lengths,
 *   ±Infinity in a used variable (column and first row), no rows left after dropping missing
 *   values, a non-numeric or constant response, a categorical column in arithmetic, weights
 *   that are not positive and finite, a non-finite offset, or negative counts / no trials in
 *   `cbind(successes, failures)`.
 */
export function buildModelParts(
  formula: string | ParsedFormula,
  data: TableInput,
  options: ModelPartsOptions = {},
): ModelParts {
  const { formula: parsed, warnings } = formulaAsFitted(resolveFormula(formula));
  if (parsed.random.length === 0) {
    throw new ModelError(
      "the formula has no random-effects term such as (1 | group); a mixed model needs at least one",
    );
  }
  if (parsed.response === null) {
    throw new ModelError("the formula has no response: write it as 'response ~ predictors'");
  }
  const table = prepareTable(data, options);
  const variables = usedVariables(parsed, options, table);
  const { rows, droppedRows } = completeRows(table, variables, [
    { label: "weights", values: options.weights },
    { label: "offset", values: options.offset },
  ]);
  const n = rows.length;
  const context: EvaluationContext = { table, rows };

  const responseName = parsed.responseLabel ?? exprText(parsed, parsed.response);
  const response = modelResponse(
    parsed.response,
    responseName,
    context,
    options.binaryResponse ?? false,
  );
  warnings.push(...response.warnings);
  const weights = combinedWeights(weightValues(options.weights, context), response.trials);
  const offset = offsetValues(parsed, options.offset, context);

  const factors = new Map<string, EvaluatedFactor>();
  const evaluated = (factor: TermFactor): void => {
    if (!factors.has(factor.label)) factors.set(factor.label, evaluateFactor(factor, context));
  };
  for (const term of parsed.fixed) term.factors.forEach(evaluated);
  for (const bar of parsed.random) for (const term of bar.terms) term.factors.forEach(evaluated);

  const contrasts = ownEntries(options.contrasts);
  checkContrastKeys(contrasts, table, factors);
  checkFixedEffectsSize(
    parsed.fixed,
    parsed.intercept,
    factors,
    contrasts,
    n,
    options.maxFixedEffects,
  );
  const X = fixedEffectsMatrix(
    designColumns(parsed.fixed, parsed.intercept, factors, contrasts),
    n,
  );

  const groupings = new Map<string, CategoricalFactor>();
  const bars: BarTerm[] = parsed.random.map((term) => {
    const grouping = groupingFactor(
      term.grouping.map((factor) => {
        let found = groupings.get(factor.label);
        if (!found) {
          found = evaluateFactor(factor, context, true) as CategoricalFactor;
          groupings.set(factor.label, found);
        }
        return found;
      }),
    );
    const columns = designColumns(term.terms, term.intercept, factors, contrasts);
    if (columns.length === 0) {
      throw new ModelError(`${term.label} has no columns: its left-hand side is empty`, {
        term: term.label,
      });
    }
    const bar = { term, grouping, columns };
    checkBarTerm(bar, n, options.kind ?? "lmm");
    return bar;
  });
  const reterms = assembleRandomEffects(bars, n, options.amalgamate ?? true);

  return {
    formula: parsed,
    n,
    responseName,
    y: response.y,
    X,
    reterms,
    weights,
    offset,
    droppedRows,
    table,
    responseKind: response.kind,
    trials: response.trials,
    responseLevels: response.levels,
    warnings,
    ...(options.offset === undefined ? {} : { offsetOption: options.offset }),
    ...(options.contrasts === undefined ? {} : { contrasts: options.contrasts }),
  };
}

function prepareTable(data: TableInput, options: ModelPartsOptions): DataTable {
  const table = toDataTable(data);
  const contrastColumns = [...ownEntries(options.contrasts).keys()].filter(
    (name) => tableColumn(table, name)?.kind === "numeric",
  );
  return applyTableOptions(table, {
    categorical: [...(options.categorical ?? []), ...contrastColumns],
    levels: options.levels,
  });
}

/** A contrast for a name that is neither a column nor a factor of the formula is a typo. */
function checkContrastKeys(
  contrasts: ReadonlyMap<string, Contrast>,
  table: DataTable,
  factors: ReadonlyMap<string, EvaluatedFactor>,
): void {
  const known = [...new Set([...table.names, ...factors.keys()])];
  for (const key of contrasts.keys()) {
    if (!known.includes(key)) {
      throw new DataError(
        `contrasts given for '${key}', which is neither a column nor a term of the formula${didYouMean(key, known)}`,
        { column: key },
      );
    }
  }
}

function usedVariables(
  formula: ParsedFormula,
  options: ModelPartsOptions,
  table: DataTable,
): string[] {
  const variables = [...formula.variables];
  for (const option of [options.weights, options.offset]) {
    if (typeof option === "string" && !variables.includes(option)) variables.push(option);
  }
  const unknown = variables.filter((name) => tableColumn(table, name) === undefined);
  if (unknown.length > 0) {
    const details = unknown.map(
      (name) => `column '${name}' not found${didYouMean(name, table.names)}`,
    );
    throw new DataError(details.join("; "), { column: unknown[0] });
  }
  return variables;
}

function exprText(formula: ParsedFormula, expr: Expr): string {
  return formula.text.slice(expr.span.start, expr.span.end).trim();
}

/** Prior weights times the binomial trials of a `cbind` response (either may be absent). */
function combinedWeights(
  weights: Float64Array | null,
  trials: Float64Array | null,
): Float64Array | null {
  if (trials === null) return weights;
  if (weights === null) return trials.slice();
  const combined = new Float64Array(weights.length);
  for (let t = 0; t < combined.length; t++) combined[t] = weights[t] * trials[t];
  return combined;
}
