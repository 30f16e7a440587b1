import { FormulaSyntaxError } from "@mixedmodels/core";
import { checkArithmetic, type ParseSettings } from "./check-transforms";
import { expandRandomTerm } from "./expand-random-term";
import { flattenSum, foldSum, type SumItem, termsOf } from "./expand-terms";
import { FactorScope } from "./factor-scope";
import { formatExpr, unwrapParentheses } from "./format-expr";
import { FunctionTable, type ParseFormulaOptions } from "./known-functions";
import { parseFormulaAst } from "./parse-formula-ast";
import type { Expr, FormulaAst, ParsedFormula, RandomEffectsTerm } from "./types";
import { variablesOf } from "./variables-of";

/**
 * Parses an lme4 / MixedModels.jl formula and expands its terms.
 *
 * `Reaction ~ 1 + Days + (1 + Days | Subject)` gives `intercept: true`, `fixed: [Days]` and one
 * random-effects term with an intercept and `Days`, grouped by `Subject`. Fixed terms follow R's
 * `terms()`: `*`, `^`, `/`, `%in%`, `-` expanded, duplicates dropped, sorted stably by degree,
 * factors inside an interaction in order of first appearance. Random terms stay in formula order,
 * with `||` and `/` expanded as lme4 does (see `expandRandomTerm`). `offset(...)` terms go to
 * `offsets`. See the package README for the full syntax.
 *
 * @param text the formula, e.g. `y ~ 1 + x + (1 | g)`; one-sided `~ x` gives `response: null`.
 * @param options `functions`: extra elementwise function names to accept.
 * @throws FormulaSyntaxError (code `FORMULA_SYNTAX`, with offset, line, column and excerpt) for
 *   anything it cannot accept; it throws nothing else.
 */
export function parseFormula(text: string, options: ParseFormulaOptions = {}): ParsedFormula {
  const ast = parseFormulaAst(text);
  const settings: ParseSettings = { text, functions: new FunctionTable(options) };
  const response = ast.response === null ? null : checkedResponse(ast.response, settings);

  const fixedItems: SumItem[] = [];
  const random: RandomEffectsTerm[] = [];
  const offsets: Expr[] = [];
  for (const item of flattenSum(ast.rhs, settings, true)) {
    const inner = unwrapParentheses(item.node);
    if (inner.kind === "binary" && (inner.op === "|" || inner.op === "||")) {
      // lme4 reads an unparenthesised `y ~ x | g` as `y ~ 1 + (x | g)`: `|` binds loosest, so the
      // whole right side is one random-effects term and the fixed part is the intercept alone.
      if (item.node.kind !== "paren" && item.node !== ast.rhs) {
        throw new FormulaSyntaxError(
          `a random-effects term must be in parentheses: (${formatExpr(inner.left)} ${inner.op} ${formatExpr(inner.right)})`,
          text,
          item.node.span.start,
          item.node.span.end - item.node.span.start,
        );
      }
      rejectRemoval(item, "random-effects terms", settings);
      random.push(...expandRandomTerm(inner, true, item.node.span, settings));
    } else if (inner.kind === "call" && inner.name === "zerocorr") {
      rejectRemoval(item, "zerocorr(...) terms", settings);
      random.push(
        ...expandRandomTerm(zerocorrBar(inner, settings), false, item.node.span, settings),
      );
    } else if (inner.kind === "call" && inner.name === "offset") {
      rejectRemoval(item, "offset(...) terms", settings);
      offsets.push(checkedOffset(inner, settings));
    } else {
      fixedItems.push(item);
    }
  }
  const scope = new FactorScope();
  const fixedSet = foldSum(
    fixedItems,
    { ...settings, scope },
    {
      description: "the fixed-effects part",
      allowsIntercept: true,
    },
  );
  const fixed = termsOf(fixedSet, scope);

  const used = new Set<string>(response ? variablesOf(response) : []);
  for (const term of fixed)
    for (const factor of term.factors) for (const v of factor.variables) used.add(v);
  for (const offset of offsets) for (const v of variablesOf(offset)) used.add(v);
  for (const term of random) {
    for (const t of term.terms)
      for (const factor of t.factors) for (const v of factor.variables) used.add(v);
    for (const factor of term.grouping) used.add(factor.variables[0]);
  }
  return {
    text,
    ast,
    response,
    responseLabel: response ? formatExpr(response) : null,
    intercept: fixedSet.intercept ?? true,
    fixed,
    random,
    offsets,
    variables: variablesOf(ast as FormulaAst).filter((name) => used.has(name)),
  };
}

function checkedResponse(expr: Expr, settings: ParseSettings): Expr {
  const inner = unwrapParentheses(expr);
  // lme4's binomial response: cbind(successes, failures), each an arithmetic expression.
  if (inner.kind === "call" && inner.name === "cbind") {
    if (inner.args.length !== 2) {
      throw new FormulaSyntaxError(
        `cbind() in the response takes two arguments, cbind(successes, failures); got ${inner.args.length}`,
        settings.text,
        inner.span.start,
        "cbind".length,
      );
    }
    for (const argument of inner.args) checkArithmetic(argument, "cbind()", settings);
    return inner;
  }
  checkArithmetic(expr, "the response", settings);
  if (variablesOf(expr).length === 0) {
    throw new FormulaSyntaxError(
      "the response reads no data column",
      settings.text,
      expr.span.start,
      expr.span.end - expr.span.start,
    );
  }
  return unwrapParentheses(expr);
}

function checkedOffset(call: Extract<Expr, { kind: "call" }>, settings: ParseSettings): Expr {
  if (call.args.length !== 1) {
    throw new FormulaSyntaxError(
      `offset() takes exactly one argument; got ${call.args.length}`,
      settings.text,
      call.span.start,
      "offset".length,
    );
  }
  const argument = call.args[0];
  checkArithmetic(argument, "offset()", settings);
  if (variablesOf(argument).length === 0) {
    throw new FormulaSyntaxError(
      "offset() reads no data column",
      settings.text,
      call.span.start,
      6,
    );
  }
  return unwrapParentheses(argument);
}

function zerocorrBar(call: Extract<Expr, { kind: "call" }>, settings: ParseSettings) {
  const argument = call.args.length === 1 ? unwrapParentheses(call.args[0]) : null;
  if (argument?.kind === "binary" && argument.op === "|") return argument;
  const reason =
    argument?.kind === "binary" && argument.op === "||"
      ? "zerocorr() takes a single-bar term such as zerocorr(1 + x | g); '||' already splits the term"
      : "zerocorr() takes one random-effects term, such as zerocorr(1 + x | g)";
  throw new FormulaSyntaxError(reason, settings.text, call.span.start, "zerocorr".length);
}

function rejectRemoval(item: SumItem, what: string, settings: ParseSettings): void {
  if (item.sign === "-") {
    throw new FormulaSyntaxError(
      `${what} cannot be removed with '-'`,
      settings.text,
      item.signOffset,
    );
  }
}
