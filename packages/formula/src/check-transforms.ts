import { formatExpr, unwrapParentheses } from "./format-expr";
import { formatName } from "./format-name";
import { FormulaSyntaxError } from "@mixedmodels/core";
import type { FunctionTable } from "./known-functions";
import type { Expr } from "./types";
import { variablesOf } from "./variables-of";

/** What every expansion step needs: the text (for error positions) and the function table. */
export interface ParseSettings {
  readonly text: string;
  readonly functions: FunctionTable;
}

type CallExpr = Extract<Expr, { kind: "call" }>;

/**
 * Checks that `expr` is arithmetic a model-matrix builder can evaluate row by row: columns,
 * numbers, `+ - * / ^`, signs, parentheses and calls of elementwise functions (and `I`).
 * `where` names the enclosing construct for messages ("log()", "the response").
 */
export function checkArithmetic(expr: Expr, where: string, settings: ParseSettings): void {
  switch (expr.kind) {
    case "variable":
      checkColumnName(expr, settings);
      return;
    case "number":
      return;
    case "paren": {
      const inner = unwrapParentheses(expr);
      if (inner.kind === "binary" && (inner.op === "|" || inner.op === "||")) {
        throw new FormulaSyntaxError(
          `a random-effects term cannot be used inside ${where}`,
          settings.text,
          expr.span.start,
          expr.span.end - expr.span.start,
        );
      }
      checkArithmetic(inner, where, settings);
      return;
    }
    case "unary":
      checkArithmetic(expr.operand, where, settings);
      return;
    case "binary":
      if (expr.op === "|" || expr.op === "||") {
        throw new FormulaSyntaxError(
          `a random-effects term cannot be used inside ${where}`,
          settings.text,
          expr.span.start,
          expr.span.end - expr.span.start,
        );
      }
      if (expr.op === ":" || expr.op === "&" || expr.op === "%in%") {
        throw new FormulaSyntaxError(
          `'${expr.op}' is not arithmetic and cannot be used inside ${where} (arithmetic is + - * / ^)`,
          settings.text,
          operatorOffset(expr, settings.text),
          expr.op.length,
        );
      }
      checkArithmetic(expr.left, where, settings);
      checkArithmetic(expr.right, where, settings);
      return;
    case "call": {
      const role = settings.functions.roleOf(expr.name);
      if (role === undefined) throw unknownFunction(expr, settings);
      if (role !== "elementwise" && role !== "identity" && role !== "extra") {
        throw new FormulaSyntaxError(
          `${expr.name}() cannot be used inside ${where}; only ${elementwiseList()} and I() can`,
          settings.text,
          expr.span.start,
          expr.name.length,
        );
      }
      checkCallArguments(expr, settings);
    }
  }
}

/**
 * Validates a call used as a term factor (`log(x)`, `I(x^2)`, `poly(x, 2)`, `factor(g)`): its
 * arity, that its arguments are arithmetic, and that it reads at least one column.
 */
export function checkFactorCall(call: CallExpr, settings: ParseSettings): void {
  checkCallArguments(call, settings);
  if (variablesOf(call).length === 0) {
    throw new FormulaSyntaxError(
      `${formatExpr(call)} reads no data column, so it is not a term`,
      settings.text,
      call.span.start,
      call.span.end - call.span.start,
    );
  }
}

function checkCallArguments(call: CallExpr, settings: ParseSettings): void {
  const role = settings.functions.roleOf(call.name);
  const where = `${call.name}()`;
  if (role === "poly") {
    expectArity(
      call,
      2,
      "poly(x, k) takes a column expression and a whole-number degree k",
      settings,
    );
    checkArithmetic(call.args[0], where, settings);
    // A bare number: the model-matrix builder reads the degree from the call node as written.
    const degree = call.args[1];
    if (degree.kind !== "number" || !Number.isInteger(degree.value) || degree.value < 1) {
      throw new FormulaSyntaxError(
        "the degree of poly(x, k) must be a whole number k ≥ 1",
        settings.text,
        call.args[1].span.start,
        call.args[1].span.end - call.args[1].span.start,
      );
    }
    return;
  }
  if (role === "extra") {
    if (call.args.length === 0) {
      throw new FormulaSyntaxError(
        `${where} needs an argument`,
        settings.text,
        call.span.start,
        call.name.length,
      );
    }
  } else if (call.name === "log" && call.args.length === 2) {
    // R's log(x, base); the base is arithmetic too.
  } else {
    expectArity(
      call,
      call.name === "log" && call.args.length > 2 ? 2 : 1,
      call.name === "log"
        ? "log() takes one or two arguments (x, base)"
        : `${where} takes exactly one argument`,
      settings,
    );
  }
  for (const argument of call.args) checkArithmetic(argument, where, settings);
}

function expectArity(call: CallExpr, arity: number, reason: string, settings: ParseSettings): void {
  if (call.args.length === arity) return;
  const extra = call.args[arity];
  const offset = extra ? extra.span.start : call.span.end - 1;
  throw new FormulaSyntaxError(`${reason}; got ${call.args.length}`, settings.text, offset);
}

/** Rejects the names R gives special meaning that this parser does not support. */
export function checkColumnName(
  variable: Extract<Expr, { kind: "variable" }>,
  settings: ParseSettings,
): void {
  if (variable.name === "." && settings.text[variable.span.start] !== "`") {
    throw new FormulaSyntaxError(
      "'.' (all other columns) is not supported: list the columns",
      settings.text,
      variable.span.start,
    );
  }
}

/** The error for a call of a function that is neither known nor allowed by the options. */
export function unknownFunction(call: CallExpr, settings: ParseSettings): FormulaSyntaxError {
  const written = formatName(call.name);
  const afterName = call.span.start + written.length;
  const spaced = settings.text[afterName] !== "(";
  const hint = spaced
    ? ` (if '${written}' is a column, an operator such as '+' is missing before '(')`
    : "";
  return new FormulaSyntaxError(
    `unknown function '${call.name}'${hint}; known functions: ${settings.functions.describeKnown()}` +
      ` (parseFormula's options.functions can allow others)`,
    settings.text,
    call.span.start,
    written.length,
  );
}

/** Offset of a binary node's operator: the first character after the left operand that is
 * neither whitespace nor part of a `#` comment. */
export function operatorOffset(expr: Extract<Expr, { kind: "binary" }>, text: string): number {
  let i = expr.left.span.end;
  while (i < expr.right.span.start) {
    const c = text[i];
    if (c === "#") {
      while (i < expr.right.span.start && text[i] !== "\n") i++;
    } else if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else {
      return i;
    }
  }
  return expr.left.span.end;
}

function elementwiseList(): string {
  return "log(), log10(), log2(), exp(), sqrt(), abs()";
}
