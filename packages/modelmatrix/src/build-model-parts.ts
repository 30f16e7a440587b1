import {
  type DataColumn,
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
import {
  type CategoricalFactor,
  type EvaluatedFactor,
  evaluateFactor,
} from "./evaluate/evaluate-factor";
import { evaluateNumeric } from "./evaluate/evaluate-numeric";
import type { EvaluationContext } from "./evaluate/evaluation-context";
import type { ModelPartsOptions } from "./model-parts-options";
import { groupingFactor } from "./random/grouping-factor";
import { assembleRandomEffects, type BarTerm, checkBarTerm } from "./random/random-effects-terms";
import { resolveFormula } from "./resolve-formula";
import { didYouMean } from "./table/closest-names";
import { completeRows } from "./table/complete-rows";
import { applyTableOptions, toDataTable } from "./table/to-data-table";
import type { ModelParts } from "./types";

/**
 * Builds the numeric parts of a mixed model: y, X (rank-checked), weights, offset and one
 * `RandomEffectsMatrix` per grouping factor.
 *
 * Rows with a missing value (NaN, null, "", "NA", a missing level) in any variable the formula
 * uses, or in the weights, are dropped and listed in `droppedRows`; columns the formula does not
 * use do not matter. Levels that do not occur in the rows used are dropped. Transforms such as
 * `scale(x)` and `poly(x, k)` are computed over the rows used.
 *
 * Columns of X are named in lme4's style (see README): `(Intercept)`, `Days`, `recipeB`,
 * `dept5:service1`, `log(x)`, `poly(x, 2)1`; `X.mixedModelsNames` holds MixedModels.jl's names.
 *
 * @throws ModelError when the formula has no random-effects term or no response, a grouping
 *   factor has fewer than 2 levels, as many levels as observations, or a term has at least as
 *   many random effects as there are observations (lme4's checks; `kind: "glmm"` relaxes the last
 *   two as `glmer` does).
 * @throws DataError for an unknown column (with the closest names), unequal column lengths,
 *   ±Infinity in a used variable (column and first row), no rows left after dropping missing
 *   values, a non-numeric or constant response, a categorical column in arithmetic, or weights
 *   that are not positive and finite.
 */
export function buildModelParts(
  formula: string | ParsedFormula,
  data: TableInput,
  options: ModelPartsOptions = {},
): ModelParts {
  const parsed = resolveFormula(formula);
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
  const { rows, droppedRows } = completeRows(table, variables, options.weights);
  const n = rows.length;
  const context: EvaluationContext = { table, rows };

  const responseName = parsed.responseLabel ?? exprText(parsed, parsed.response);
  const y = responseValues(parsed.response, responseName, context);
  const weights = weightValues(options.weights, context);
  const offset = offsetValues(parsed, context);

  const factors = new Map<string, EvaluatedFactor>();
  const evaluated = (factor: TermFactor): void => {
    if (!factors.has(factor.label)) factors.set(factor.label, evaluateFactor(factor, context));
  };
  for (const term of parsed.fixed) term.factors.forEach(evaluated);
  for (const bar of parsed.random) for (const term of bar.terms) term.factors.forEach(evaluated);

  const contrasts = ownEntries(options.contrasts);
  checkContrastKeys(contrasts, table, factors);
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
    y,
    X,
    reterms,
    weights,
    offset,
    droppedRows,
    table,
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
  if (typeof options.weights === "string" && !variables.includes(options.weights)) {
    variables.push(options.weights);
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

function responseValues(response: Expr, name: string, context: EvaluationContext): Float64Array {
  if (
    response.kind === "variable" &&
    tableColumn(context.table, response.name)?.kind === "categorical"
  ) {
    throw new DataError(
      `the response '${name}' is categorical; a linear mixed model needs a numeric response`,
      { column: response.name },
    );
  }
  const y = evaluateNumeric(response, context, name);
  let constant = true;
  for (let t = 1; t < y.length && constant; t++) if (y[t] !== y[0]) constant = false;
  if (constant) {
    throw new DataError(
      `the response '${name}' is constant (${y[0]}) in all ${y.length} rows used; there is no variation to model`,
      { column: name },
    );
  }
  return y;
}

function weightValues(
  weights: ModelPartsOptions["weights"],
  context: EvaluationContext,
): Float64Array | null {
  if (weights === undefined) return null;
  const { rows } = context;
  let values: Float64Array;
  let label = "weights";
  if (typeof weights === "string") {
    label = weights;
    const column = tableColumn(context.table, weights) as DataColumn;
    if (column.kind !== "numeric") {
      throw new DataError(`weights column '${weights}' is categorical; weights must be numbers`, {
        column: weights,
      });
    }
    values = new Float64Array(rows.length);
    for (let t = 0; t < rows.length; t++) values[t] = column.values[rows[t]];
  } else {
    values = new Float64Array(rows.length);
    for (let t = 0; t < rows.length; t++) values[t] = weights[rows[t]] as number;
  }
  for (let t = 0; t < values.length; t++) {
    if (!(values[t] > 0) || !Number.isFinite(values[t])) {
      throw new DataError(
        `weight ${values[t]} in row ${rows[t]} (${label}) is invalid; weights must be positive and finite`,
        { column: label, row: rows[t] },
      );
    }
  }
  return values;
}

function offsetValues(formula: ParsedFormula, context: EvaluationContext): Float64Array | null {
  if (formula.offsets.length === 0) return null;
  const total = new Float64Array(context.rows.length);
  for (const expr of formula.offsets) {
    const values = evaluateNumeric(expr, context, `offset(${exprText(formula, expr)})`);
    for (let t = 0; t < total.length; t++) total[t] += values[t];
  }
  return total;
}
