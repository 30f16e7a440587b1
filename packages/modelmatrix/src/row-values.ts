import { DataError, tableColumn } from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";
import { evaluateNumeric } from "./evaluate/evaluate-numeric";
import type { EvaluationContext } from "./evaluate/evaluation-context";
import type { RowValuesOption } from "./model-parts-options";

/** A per-row option (weights, offset) on the rows used: from its column, or from its array. */
function optionValues(
  option: RowValuesOption,
  what: string,
  context: EvaluationContext,
): { values: Float64Array; label: string } {
  const { rows } = context;
  const values = new Float64Array(rows.length);
  if (typeof option === "string") {
    const column = tableColumn(context.table, option);
    if (column?.kind !== "numeric") {
      throw new DataError(`${what} column '${option}' is categorical; ${what} must be numbers`, {
        column: option,
      });
    }
    for (let t = 0; t < rows.length; t++) values[t] = column.values[rows[t]];
    return { values, label: option };
  }
  for (let t = 0; t < rows.length; t++) values[t] = option[rows[t]] as number;
  return { values, label: what };
}

/** Case weights on the rows used, or null; every weight must be positive and finite. */
export function weightValues(
  weights: RowValuesOption | undefined,
  context: EvaluationContext,
): Float64Array | null {
  if (weights === undefined) return null;
  const { values, label } = optionValues(weights, "weights", context);
  for (let t = 0; t < values.length; t++) {
    if (!(values[t] > 0) || !Number.isFinite(values[t])) {
      const row = context.rows[t];
      throw new DataError(
        `weight ${values[t]} in row ${row} (${label}) is invalid; weights must be positive and finite`,
        { column: label, row },
      );
    }
  }
  return values;
}

/**
 * The offset per row used: the sum of the formula's `offset(...)` terms and of the `offset`
 * option (a column name or one value per input row), or null when there is neither.
 */
export function offsetValues(
  formula: ParsedFormula,
  option: RowValuesOption | undefined,
  context: EvaluationContext,
): Float64Array | null {
  if (formula.offsets.length === 0 && option === undefined) return null;
  const total = new Float64Array(context.rows.length);
  for (const expr of formula.offsets) {
    const text = formula.text.slice(expr.span.start, expr.span.end).trim();
    const values = evaluateNumeric(expr, context, `offset(${text})`);
    for (let t = 0; t < total.length; t++) total[t] += values[t];
  }
  if (option !== undefined) {
    const { values, label } = optionValues(option, "offset", context);
    for (let t = 0; t < total.length; t++) {
      if (!Number.isFinite(values[t])) {
        const row = context.rows[t];
        throw new DataError(`offset ${values[t]} in row ${row} (${label}) is not finite`, {
          column: label,
          row,
        });
      }
      total[t] += values[t];
    }
  }
  return total;
}
