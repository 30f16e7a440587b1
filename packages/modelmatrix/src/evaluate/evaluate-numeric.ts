import { DataError, ModelError, tableColumn } from "@mixedmodels/core";
import type { Expr } from "@mixedmodels/formula";
import type { EvaluationContext } from "./evaluation-context";

type UnaryMath = (value: number) => number;

const elementwise: Readonly<Record<string, UnaryMath>> = {
  log: Math.log,
  log10: Math.log10,
  log2: Math.log2,
  log1p: Math.log1p,
  exp: Math.exp,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  abs: Math.abs,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  floor: Math.floor,
  ceiling: Math.ceil,
  round: Math.round,
  identity: (value) => value,
  I: (value) => value,
};

/** Names of the elementwise functions the evaluator knows, beyond the formula parser's own. */
export const elementwiseFunctionNames: readonly string[] = Object.keys(elementwise);

/**
 * Evaluates a numeric expression on the used rows: columns, numbers, `+ - * / ^`, unary minus,
 * elementwise functions (`log`, `log10`, `log2`, `log1p`, `exp`, `expm1`, `sqrt`, `abs`, `I`,
 * trigonometric, rounding), `log(x, base)`, and the whole-column transforms `scale(x)` (centre,
 * divide by the sample sd) and `center(x)`, both computed over the used rows.
 *
 * @param label the canonical text of the whole expression, for error messages
 * @returns one value per used row
 * @throws DataError when a categorical column is used in arithmetic or a result is not finite;
 *   ModelError for an unknown function or operator.
 */
export function evaluateNumeric(
  expr: Expr,
  context: EvaluationContext,
  label: string,
): Float64Array {
  const result = evaluate(expr, context, label);
  for (let t = 0; t < result.length; t++) {
    if (!Number.isFinite(result[t])) {
      throw new DataError(
        `'${label}' is ${result[t]} in row ${context.rows[t]}; values used in a model must be finite`,
        { column: label, row: context.rows[t] },
      );
    }
  }
  return result;
}

function evaluate(expr: Expr, context: EvaluationContext, label: string): Float64Array {
  const n = context.rows.length;
  switch (expr.kind) {
    case "number":
      return new Float64Array(n).fill(expr.value);
    case "variable":
      return numericColumn(expr.name, context, label);
    case "paren":
      return evaluate(expr.inner, context, label);
    case "unary": {
      const operand = evaluate(expr.operand, context, label);
      if (expr.op === "-") for (let t = 0; t < n; t++) operand[t] = -operand[t];
      return operand;
    }
    case "binary":
      return binary(
        expr.op,
        evaluate(expr.left, context, label),
        evaluate(expr.right, context, label),
        label,
      );
    case "call":
      return call(expr, context, label);
  }
}

function binary(op: string, left: Float64Array, right: Float64Array, label: string): Float64Array {
  const n = left.length;
  switch (op) {
    case "+":
      for (let t = 0; t < n; t++) left[t] += right[t];
      return left;
    case "-":
      for (let t = 0; t < n; t++) left[t] -= right[t];
      return left;
    case "*":
      for (let t = 0; t < n; t++) left[t] *= right[t];
      return left;
    case "/":
      for (let t = 0; t < n; t++) left[t] /= right[t];
      return left;
    case "^":
      for (let t = 0; t < n; t++) left[t] = left[t] ** right[t];
      return left;
    default:
      throw new ModelError(`operator '${op}' cannot be evaluated as arithmetic in '${label}'`, {
        term: label,
      });
  }
}

function call(
  expr: Extract<Expr, { kind: "call" }>,
  context: EvaluationContext,
  label: string,
): Float64Array {
  const { name, args } = expr;
  if (name === "scale" || name === "center") {
    requireArgs(expr, 1, label);
    const values = evaluate(args[0], context, label);
    return name === "scale" ? standardize(values, label) : centre(values);
  }
  if (name === "log" && args.length === 2) {
    const values = evaluate(args[0], context, label);
    const base = evaluate(args[1], context, label);
    for (let t = 0; t < values.length; t++) values[t] = Math.log(values[t]) / Math.log(base[t]);
    return values;
  }
  const fn = Object.hasOwn(elementwise, name) ? elementwise[name] : undefined;
  if (fn === undefined) {
    throw new ModelError(
      `function '${name}' in '${label}' is not supported here (supported: ${Object.keys(elementwise).join(", ")}, scale, center${name === "poly" || name === "factor" ? "; poly() and factor() must be whole terms" : ""})`,
      { term: label },
    );
  }
  requireArgs(expr, 1, label);
  const values = evaluate(args[0], context, label);
  for (let t = 0; t < values.length; t++) values[t] = fn(values[t]);
  return values;
}

function requireArgs(expr: Extract<Expr, { kind: "call" }>, count: number, label: string): void {
  if (expr.args.length !== count) {
    throw new ModelError(
      `'${expr.name}' takes ${count} argument${count === 1 ? "" : "s"} but has ${expr.args.length} in '${label}'`,
      { term: label },
    );
  }
}

/** Values of a numeric column on the used rows (a fresh array). */
export function numericColumn(
  name: string,
  context: EvaluationContext,
  label: string,
): Float64Array {
  const column = tableColumn(context.table, name);
  if (column === undefined) {
    throw new DataError(`column '${name}' not found`, { column: name });
  }
  if (column.kind !== "numeric") {
    throw new DataError(`column '${name}' is categorical, but '${label}' uses it as a number`, {
      column: name,
    });
  }
  const { rows } = context;
  const values = new Float64Array(rows.length);
  for (let t = 0; t < rows.length; t++) values[t] = column.values[rows[t]];
  return values;
}

function centre(values: Float64Array): Float64Array {
  let sum = 0;
  for (let t = 0; t < values.length; t++) sum += values[t];
  const mean = sum / values.length;
  for (let t = 0; t < values.length; t++) values[t] -= mean;
  return values;
}

function standardize(values: Float64Array, label: string): Float64Array {
  centre(values);
  let squares = 0;
  for (let t = 0; t < values.length; t++) squares += values[t] * values[t];
  const sd = Math.sqrt(squares / (values.length - 1));
  if (!(sd > 0)) {
    throw new DataError(`'${label}' cannot be scaled: its values are constant in the rows used`, {
      column: label,
    });
  }
  for (let t = 0; t < values.length; t++) values[t] /= sd;
  return values;
}
