import { ModelError, tableColumn } from "@mixedmodels/core";
import type { Expr, TermFactor } from "@mixedmodels/formula";
import { numberLabel, orderLevels } from "../table/order-levels";
import { evaluateNumeric } from "./evaluate-numeric";
import type { EvaluationContext } from "./evaluation-context";
import { orthogonalPolynomials } from "./orthogonal-polynomials";

/** A continuous factor: one column, or several for `poly(x, k)` (suffixes `1`..`k`). */
export interface NumericFactor {
  readonly kind: "numeric";
  readonly label: string;
  readonly columns: readonly Float64Array[];
  /** Appended to the label in coefficient names (`""` for a single column). */
  readonly suffixes: readonly string[];
}

/** A categorical factor on the used rows, levels reduced to those that occur. */
export interface CategoricalFactor {
  readonly kind: "categorical";
  readonly label: string;
  /** The data column it comes from (key for the `contrasts` option). */
  readonly variable: string;
  /** Index into `levels` per used row. */
  readonly codes: Int32Array;
  /** Levels that occur in the used rows, in level order. */
  readonly levels: readonly string[];
  /** Every level of the source column. */
  readonly allLevels: readonly string[];
}

export type EvaluatedFactor = NumericFactor | CategoricalFactor;

/**
 * Evaluates one term factor on the used rows. A categorical column, `factor(...)`, or any
 * variable when `asCategorical` is set (grouping factors) gives a categorical factor; `poly(x, k)`
 * gives k orthogonal polynomial columns; anything else is evaluated as arithmetic.
 *
 * @throws DataError / ModelError as `evaluateNumeric`, or for a malformed `poly()` call.
 */
export function evaluateFactor(
  factor: TermFactor,
  context: EvaluationContext,
  asCategorical = false,
): EvaluatedFactor {
  const expr = unwrapFullDummy(factor.expr);
  const label = factor.label;
  if (expr.kind === "call" && (expr.name === "factor" || expr.name === "as.factor")) {
    if (expr.args.length !== 1) {
      throw new ModelError(`'${expr.name}' takes 1 argument in '${label}'`, { term: label });
    }
    return categorical(expr.args[0], context, label);
  }
  if (asCategorical) return categorical(expr, context, label);
  if (expr.kind === "variable" && tableColumn(context.table, expr.name)?.kind === "categorical") {
    return categorical(expr, context, label);
  }
  if (expr.kind === "call" && expr.name === "poly") return polynomial(expr, context, label);
  return {
    kind: "numeric",
    label,
    columns: [evaluateNumeric(expr, context, label)],
    suffixes: [""],
  };
}

function unwrapFullDummy(expr: Expr): Expr {
  return expr.kind === "call" && expr.name === "fulldummy" && expr.args.length === 1
    ? expr.args[0]
    : expr;
}

function polynomial(
  expr: Extract<Expr, { kind: "call" }>,
  context: EvaluationContext,
  label: string,
): NumericFactor {
  const degreeArg = expr.args[1];
  const degree =
    expr.args.length === 1 ? 1 : degreeArg?.kind === "number" ? degreeArg.value : Number.NaN;
  if (expr.args.length > 2 || !Number.isInteger(degree) || degree < 1) {
    throw new ModelError(
      `'${label}' must have the form poly(x, degree) with a positive integer degree`,
      {
        term: label,
      },
    );
  }
  const x = evaluateNumeric(expr.args[0], context, label);
  const columns = orthogonalPolynomials(x, degree, label);
  return {
    kind: "numeric",
    label,
    columns,
    suffixes: columns.map((_, j) => String(j + 1)),
  };
}

function categorical(expr: Expr, context: EvaluationContext, label: string): CategoricalFactor {
  const { rows, table } = context;
  if (expr.kind === "variable") {
    const column = tableColumn(table, expr.name);
    if (column?.kind === "categorical") {
      const used = new Int32Array(column.levels.length).fill(-1);
      for (let t = 0; t < rows.length; t++) used[column.codes[rows[t]]] = 0;
      const levels: string[] = [];
      for (let level = 0; level < used.length; level++) {
        if (used[level] === 0) {
          used[level] = levels.length;
          levels.push(column.levels[level]);
        }
      }
      const codes = new Int32Array(rows.length);
      for (let t = 0; t < rows.length; t++) codes[t] = used[column.codes[rows[t]]];
      return {
        kind: "categorical",
        label,
        variable: expr.name,
        codes,
        levels,
        allLevels: column.levels,
      };
    }
  }
  const values = evaluateNumeric(expr, context, label);
  const labels = Array.from(values, numberLabel);
  const levels = orderLevels(labels);
  const index = new Map(levels.map((level, i) => [level, i] as const));
  const codes = new Int32Array(rows.length);
  for (let t = 0; t < rows.length; t++) codes[t] = index.get(labels[t]) as number;
  const variable = expr.kind === "variable" ? expr.name : label;
  return { kind: "categorical", label, variable, codes, levels, allLevels: levels };
}
