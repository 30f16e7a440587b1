import {
  checkColumnName,
  checkFactorCall,
  operatorOffset,
  type ParseSettings,
  unknownFunction,
} from "./check-transforms";
import type { FactorIndices, FactorScope } from "./factor-scope";
import { formatExpr, unwrapParentheses } from "./format-expr";
import { formatName } from "./format-name";
import { distinct, keyOf, power, product, union } from "./term-products";
import { FormulaSyntaxError } from "@mixedmodels/core";
import type { Expr, Span, Term, TermFactor } from "./types";
import { variablesOf } from "./variables-of";

/** Where an expression sits, for the errors that depend on it. */
export interface Enclosing {
  /** Used in messages: "'*'", "the left side of '|'", "a '-' removal". */
  readonly description: string;
  /** Whether `0`, `1` (intercept control) are meaningful here: in sums, not inside operators. */
  readonly allowsIntercept: boolean;
}

/** The result of expanding part of a formula: terms in generation order and any intercept setting. */
export interface TermSet {
  readonly terms: readonly FactorIndices[];
  /** `true` after `1` (or `- 0`), `false` after `0` (or `- 1`), null when not mentioned. */
  readonly intercept: boolean | null;
}

/** One operand of a sum, with the sign written before it. */
export interface SumItem {
  readonly sign: "+" | "-";
  readonly node: Expr;
  /** Where the sign is written, or the item's own start when it has none. */
  readonly signOffset: number;
}

export interface ExpansionContext extends ParseSettings {
  readonly scope: FactorScope;
}

/**
 * Splits `a + b - c` into signed items, left to right. A leading sign (`-1 + x`) becomes the first
 * item's sign. A sign directly after another operator is accepted before `0` or `1`, where R reads
 * `x + -1` as `x - 1` (the signs multiply); before a term R's `x + -z` silently removes nothing,
 * which is almost always a slip, so it is rejected. With
 * `throughParentheses`, positive parenthesised sums are flattened into the outer sum, as R does.
 */
export function flattenSum(
  expr: Expr,
  settings: ParseSettings,
  throughParentheses: boolean,
): SumItem[] {
  const rightItems: SumItem[] = [];
  let node = expr;
  while (node.kind === "binary" && (node.op === "+" || node.op === "-")) {
    const signOffset = operatorOffset(node, settings.text);
    if (node.right.kind === "unary") {
      const { op, operand } = node.right;
      if (!isInterceptNumber(operand)) {
        throw new FormulaSyntaxError(
          `two operators in a row: '${node.op}' followed by '${op}'` +
            (op === "-" && node.op === "+" ? "; to remove a term, write '- term'" : ""),
          settings.text,
          node.right.span.start,
        );
      }
      rightItems.push({ sign: node.op === op ? "+" : "-", node: operand, signOffset });
    } else {
      rightItems.push({ sign: node.op, node: node.right, signOffset });
    }
    node = node.left;
  }
  const items: SumItem[] =
    node.kind === "unary"
      ? [{ sign: node.op, node: node.operand, signOffset: node.span.start }]
      : [{ sign: "+", node, signOffset: node.span.start }];
  if (node.kind === "unary" && node.operand.kind === "unary") {
    throw new FormulaSyntaxError("two signs in a row", settings.text, node.operand.span.start);
  }
  for (let i = rightItems.length - 1; i >= 0; i--) items.push(rightItems[i]);
  if (!throughParentheses) return items;
  return items.flatMap((item) => {
    const inner = unwrapParentheses(item.node);
    if (!(item.sign === "+" && item.node.kind === "paren" && isSum(inner))) return [item];
    const innerItems = flattenSum(inner, settings, true);
    // A parenthesised sum that removes terms is expanded on its own, as R does: its removals do
    // not reach the outer sum (`e + (a - e)` keeps e). Only pure additions are flattened.
    return innerItems.some((innerItem) => innerItem.sign === "-") ? [item] : innerItems;
  });
}

/** `0` or `1`, possibly parenthesised: the operands whose sign sets the intercept. */
function isInterceptNumber(expr: Expr): boolean {
  const inner = unwrapParentheses(expr);
  return inner.kind === "number" && (inner.value === 0 || inner.value === 1);
}

function isSum(expr: Expr): boolean {
  return expr.kind === "unary" || (expr.kind === "binary" && (expr.op === "+" || expr.op === "-"));
}

/** Adds and removes the items' terms left to right; the last intercept setting wins, as in R. */
export function foldSum(
  items: readonly SumItem[],
  context: ExpansionContext,
  enclosing: Enclosing,
): TermSet {
  const terms = new Map<string, FactorIndices>();
  let intercept: boolean | null = null;
  for (const item of items) {
    if (item.sign === "+") {
      const set = expandTerms(item.node, context, enclosing);
      for (const term of set.terms) terms.set(keyOf(term), term);
      if (set.intercept !== null) intercept = set.intercept;
    } else {
      const removal: Enclosing = { description: "a '-' removal", allowsIntercept: true };
      const set = expandTerms(item.node, context, removal);
      for (const term of set.terms) terms.delete(keyOf(term));
      if (set.intercept !== null) intercept = !set.intercept;
    }
  }
  // A leading '-' removes from nothing; at the top level R accepts that, inside an operator it is a slip.
  if (!enclosing.allowsIntercept && items[0]?.sign === "-") {
    throw new FormulaSyntaxError(
      `'-' removes terms from a sum; here, inside ${enclosing.description}, it removes nothing`,
      context.text,
      items[0].signOffset,
    );
  }
  return { terms: [...terms.values()], intercept };
}

/** Expands one formula-context expression into terms (R's `terms()` algebra). */
export function expandTerms(expr: Expr, context: ExpansionContext, enclosing: Enclosing): TermSet {
  switch (expr.kind) {
    case "paren": {
      const inner = unwrapParentheses(expr);
      if (inner.kind === "binary" && (inner.op === "|" || inner.op === "||")) {
        throw barInside(expr.span, context, enclosing);
      }
      return isSum(inner)
        ? foldSum(flattenSum(inner, context, false), context, enclosing)
        : expandTerms(inner, context, enclosing);
    }
    case "number":
      return expandNumber(expr, context, enclosing);
    case "variable":
      checkColumnName(expr, context);
      return single(registerFactor(formatName(expr.name), variableFactor(expr), context));
    case "call":
      return single(expandCall(expr, context, enclosing));
    case "unary":
      throw new FormulaSyntaxError(
        `a sign cannot be applied inside ${enclosing.description}; '-' removes terms only in a sum`,
        context.text,
        expr.span.start,
      );
    case "binary":
      return expandBinary(expr, context, enclosing);
  }
}

function expandNumber(
  expr: Extract<Expr, { kind: "number" }>,
  context: ExpansionContext,
  enclosing: Enclosing,
): TermSet {
  const length = expr.span.end - expr.span.start;
  if (expr.value !== 0 && expr.value !== 1) {
    throw new FormulaSyntaxError(
      `the number ${formatExpr(expr)} is not a term: only 1 (intercept) and 0 (no intercept) can ` +
        "stand alone; write arithmetic inside I(...)",
      context.text,
      expr.span.start,
      length,
    );
  }
  if (!enclosing.allowsIntercept) {
    throw new FormulaSyntaxError(
      `the intercept '${expr.value}' cannot be part of ${enclosing.description}; ` +
        "write it as its own term, as in '1 + a*b' or '0 + a*b'",
      context.text,
      expr.span.start,
      length,
    );
  }
  return { terms: [], intercept: expr.value === 1 };
}

function expandCall(
  call: Extract<Expr, { kind: "call" }>,
  context: ExpansionContext,
  enclosing: Enclosing,
): number {
  const role = context.functions.roleOf(call.name);
  const nameLength = formatName(call.name).length;
  if (role === undefined) throw unknownFunction(call, context);
  if (role === "zerocorr" || role === "offset") {
    const example = role === "zerocorr" ? "y ~ x + zerocorr(1 + x | g)" : "y ~ x + offset(log(n))";
    throw new FormulaSyntaxError(
      `${call.name}(...) must be a term of its own in the formula's sum (as in '${example}'), ` +
        `not part of ${enclosing.description}`,
      context.text,
      call.span.start,
      nameLength,
    );
  }
  if (role === "fulldummy") {
    if (call.args.length !== 1) {
      throw new FormulaSyntaxError(
        `fulldummy() takes exactly one argument; got ${call.args.length}`,
        context.text,
        call.span.start,
        nameLength,
      );
    }
    const inner = unwrapParentheses(call.args[0]);
    let base: TermFactor;
    if (inner.kind === "variable") {
      checkColumnName(inner, context);
      base = variableFactor(inner);
    } else if (inner.kind === "call" && context.functions.roleOf(inner.name) === "column") {
      checkFactorCall(inner, context);
      base = callFactor(inner);
    } else {
      throw new FormulaSyntaxError(
        "fulldummy() takes a column, as in fulldummy(g) or fulldummy(factor(g))",
        context.text,
        call.args[0].span.start,
        call.args[0].span.end - call.args[0].span.start,
      );
    }
    return registerFactor(`fulldummy(${base.label})`, { ...base, fulldummy: true }, context);
  }
  checkFactorCall(call, context);
  const factor = callFactor(call);
  return registerFactor(factor.label, factor, context);
}

function expandBinary(
  expr: Extract<Expr, { kind: "binary" }>,
  context: ExpansionContext,
  enclosing: Enclosing,
): TermSet {
  const { op } = expr;
  if (op === "+" || op === "-")
    return foldSum(flattenSum(expr, context, false), context, enclosing);
  if (op === "|" || op === "||") throw barInside(expr.span, context, enclosing);
  const inner: Enclosing = { description: `'${op}'`, allowsIntercept: false };
  if (op === "^") {
    const base = expandTerms(expr.left, context, inner);
    return {
      terms: power(base.terms, exponentOf(expr, context), expr.span, context),
      intercept: null,
    };
  }
  const left = expandTerms(expr.left, context, inner).terms;
  const right = expandTerms(expr.right, context, inner).terms;
  switch (op) {
    case ":":
    case "&":
      return { terms: product(left, right, expr.span, context), intercept: null };
    case "*":
      return {
        terms: distinct([...left, ...right, ...product(left, right, expr.span, context)]),
        intercept: null,
      };
    case "/": {
      // R: a/b = a + (all factors of a):b, so (a + b)/c = a + b + a:b:c.
      const outer = left.reduce<FactorIndices>((all, term) => union(all, term), []);
      return {
        terms: distinct([...left, ...right.map((term) => union(outer, term))]),
        intercept: null,
      };
    }
    case "%in%": {
      // R: b %in% a = b:a (each left term with all factors of the right side).
      const within = right.reduce<FactorIndices>((all, term) => union(all, term), []);
      return { terms: distinct(left.map((term) => union(term, within))), intercept: null };
    }
  }
}

function barInside(
  span: Span,
  context: ExpansionContext,
  enclosing: Enclosing,
): FormulaSyntaxError {
  const reason =
    enclosing.description === "a '-' removal"
      ? "random-effects terms cannot be removed with '-'"
      : enclosing.description === "the left side of '|'"
        ? "a random-effects term cannot be inside another random-effects term"
        : `a random-effects term cannot be part of ${enclosing.description} ` +
          "(lme4 silently drops the operator); add it as a separate term, e.g. 'x + (1 | g)', " +
          "or write a random slope as '(1 + x | g)'";
  return new FormulaSyntaxError(reason, context.text, span.start, span.end - span.start);
}

function exponentOf(expr: Extract<Expr, { kind: "binary" }>, context: ExpansionContext): number {
  const exponent = unwrapParentheses(expr.right);
  if (exponent.kind !== "number" || !Number.isInteger(exponent.value) || exponent.value < 1) {
    throw new FormulaSyntaxError(
      "the power in '(terms)^k' must be a whole number k ≥ 1; for arithmetic powers write I(x^2)",
      context.text,
      expr.right.span.start,
      expr.right.span.end - expr.right.span.start,
    );
  }
  return exponent.value;
}

function single(index: number): TermSet {
  return { terms: [[index]], intercept: null };
}

function registerFactor(key: string, factor: TermFactor, context: ExpansionContext): number {
  return context.scope.register(key, factor);
}

function variableFactor(expr: Extract<Expr, { kind: "variable" }>): TermFactor {
  return { label: formatName(expr.name), expr, variables: [expr.name], fulldummy: false };
}

function callFactor(expr: Extract<Expr, { kind: "call" }>): TermFactor {
  return { label: formatExpr(expr), expr, variables: variablesOf(expr), fulldummy: false };
}

/** Public terms of a term set, sorted stably by degree (main effects first), as R orders them. */
export function termsOf(set: TermSet, scope: FactorScope): Term[] {
  return set.terms
    .map((indices, position) => ({ indices, position }))
    .sort((a, b) => a.indices.length - b.indices.length || a.position - b.position)
    .map(({ indices }) => scope.term(indices));
}
