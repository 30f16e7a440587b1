import { formatName } from "./format-name";
import { BINARY_PRECEDENCE, isRightAssociative, UNARY_PRECEDENCE } from "./operator-precedence";
import type { BinaryOperator, Expr } from "./types";

const ATOM_PRECEDENCE = 100;

/**
 * Canonical text of an expression, used for labels and by `formatFormula`.
 *
 * Style: one space around `+ - * / & | || %in%` and after commas; none around `:` and `^`; no
 * space after a unary sign (`-x`); numbers as JavaScript prints them (`0.5`, `1e+21`). Parentheses
 * written in the source are dropped and re-inserted only where precedence needs them, except that a
 * bar term is always parenthesised (`(1 | g)`) unless it is a function argument
 * (`zerocorr(1 + x | g)`). Parsing the output gives the same tree, minus `paren` nodes and spans.
 * R prints `1000/rt` where this prints `1000 / rt`; `I(x^2)` and `log(x + 1)` match R.
 */
export function formatExpr(expr: Expr): string {
  switch (expr.kind) {
    case "variable":
      return formatName(expr.name);
    case "number":
      return String(expr.value);
    case "paren":
      return formatExpr(expr.inner);
    case "call":
      return `${formatName(expr.name)}(${expr.args.map(formatArgument).join(", ")})`;
    case "unary": {
      const operand = formatExpr(expr.operand);
      const needsParentheses =
        expr.operand.kind !== "unary" && precedenceOf(expr.operand) <= UNARY_PRECEDENCE;
      return `${expr.op}${needsParentheses ? `(${operand})` : operand}`;
    }
    case "binary":
      return formatBinary(expr.op, expr.left, expr.right);
  }
}

function formatArgument(argument: Expr): string {
  const inner = unwrapParentheses(argument);
  if (inner.kind === "binary" && (inner.op === "|" || inner.op === "||")) {
    return `${formatExpr(inner.left)} ${inner.op} ${formatExpr(inner.right)}`;
  }
  return formatExpr(argument);
}

function formatBinary(op: BinaryOperator, left: Expr, right: Expr): string {
  if (op === "|" || op === "||") return `(${formatExpr(left)} ${op} ${formatExpr(right)})`;
  const precedence = BINARY_PRECEDENCE[op];
  const rightAssociative = isRightAssociative(op);
  const leftPrecedence = precedenceOf(left);
  const rightPrecedence = precedenceOf(right);
  const leftText = wrapIf(
    leftPrecedence < precedence || (leftPrecedence === precedence && rightAssociative),
    formatExpr(left),
  );
  const rightText = wrapIf(
    rightPrecedence < precedence || (rightPrecedence === precedence && !rightAssociative),
    formatExpr(right),
  );
  return op === ":" || op === "^"
    ? `${leftText}${op}${rightText}`
    : `${leftText} ${op} ${rightText}`;
}

function wrapIf(condition: boolean, text: string): string {
  return condition ? `(${text})` : text;
}

function precedenceOf(expr: Expr): number {
  switch (expr.kind) {
    case "paren":
      return precedenceOf(expr.inner);
    case "unary":
      return UNARY_PRECEDENCE;
    case "binary":
      // A bar term prints its own parentheses, so it is an atom to its neighbours.
      return expr.op === "|" || expr.op === "||" ? ATOM_PRECEDENCE : BINARY_PRECEDENCE[expr.op];
    default:
      return ATOM_PRECEDENCE;
  }
}

/** The expression inside any number of redundant parentheses. */
export function unwrapParentheses(expr: Expr): Expr {
  let inner = expr;
  while (inner.kind === "paren") inner = inner.inner;
  return inner;
}
