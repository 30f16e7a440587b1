import { ModelError } from "@mixedmodels/core";
import type { Expr } from "@mixedmodels/formula";

/** A delimited identifier (SQL-92 §5.2): double quotes, inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A character string literal, inner quotes doubled. */
export function quoteString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A number as an exact SQL literal: integers as they are, anything else in E notation with all
 * 17 significant digits, so the database reads back the same double.
 */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new ModelError(`the constant ${value} has no SQL literal`);
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 53) return `${value}.0`.replace(/^-/, "-");
  return value.toExponential(16).replace("e+", "E").replace("e", "E");
}

/**
 * The functions the in-memory evaluator knows that SQL-2003 expresses with the same meaning
 * (natural logarithm is LN; R's log(x) is natural). Others (log2, trigonometry, scale, poly, ...)
 * are refused with a ModelError naming them rather than translated approximately.
 */
const unaryFunctions = new Map<string, (argument: string) => string>([
  ["log", (x) => `LN(${x})`],
  ["exp", (x) => `EXP(${x})`],
  ["sqrt", (x) => `SQRT(${x})`],
  ["abs", (x) => `ABS(${x})`],
  ["log10", (x) => `(LN(${x}) / LN(10.0))`],
  ["I", (x) => x],
]);

/**
 * A numeric expression of the formula (a variable, a number, + − × ÷ ^, the functions above) as
 * a SQL value expression over DOUBLE PRECISION columns.
 * @param numericColumn the SQL of a numeric column by name (throws for a categorical one)
 * @throws ModelError for anything SQL cannot express the same way (naming it)
 */
export function numericExpression(
  expr: Expr,
  numericColumn: (name: string) => string,
  label: string,
): string {
  const recurse = (inner: Expr): string => numericExpression(inner, numericColumn, label);
  switch (expr.kind) {
    case "number":
      return numberLiteral(expr.value);
    case "variable":
      return numericColumn(expr.name);
    case "paren":
      return `(${recurse(expr.inner)})`;
    case "unary":
      return expr.op === "-" ? `(-${recurse(expr.operand)})` : recurse(expr.operand);
    case "binary": {
      const left = recurse(expr.left);
      const right = recurse(expr.right);
      if (expr.op === "+" || expr.op === "-" || expr.op === "*" || expr.op === "/") {
        return `(${left} ${expr.op} ${right})`;
      }
      if (expr.op === "^") return `POWER(${left}, ${right})`;
      break;
    }
    case "call": {
      const translate = unaryFunctions.get(expr.name);
      if (translate !== undefined && expr.args.length === 1)
        return translate(recurse(expr.args[0]));
      break;
    }
  }
  throw new ModelError(
    `'${label}' cannot be computed in SQL by the DuckDB engine (supported: + - * / ^, ${[...unaryFunctions.keys()].join(", ")}); compute the column in the source query`,
    { term: label },
  );
}
