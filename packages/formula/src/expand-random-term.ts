import { checkColumnName, operatorOffset, type ParseSettings } from "./check-transforms";
import { flattenSum, foldSum, termsOf } from "./expand-terms";
import { FactorScope } from "./factor-scope";
import { formatExpr, unwrapParentheses } from "./format-expr";
import { formatName } from "./format-name";
import { formatRandomEffectsTerm } from "./format-term";
import { FormulaSyntaxError } from "@mixedmodels/core";
import type { Expr, RandomEffectsTerm, Span, Term, TermFactor } from "./types";

type BarExpr = Extract<Expr, { kind: "binary" }>;
type VariableExpr = Extract<Expr, { kind: "variable" }>;

/**
 * Expands one bar term into lme4's random-effects terms.
 *
 * - `(expr | g)`: one term; the left side has an implicit intercept unless `0` / `-1` removes it.
 * - `(expr || g)`: lme4's `expandDoubleVerts`: `(1 | g)` if there is an intercept, then one
 *   `(0 + t | g)` per left-side term t, each a separate (correlated) term.
 * - `zerocorr(expr | g)` (`correlated: false`): one term with a diagonal covariance.
 * - grouping `a:b` or `a & b`: one term grouped by the interaction, label `a:b`.
 * - nesting `a/b/c`: one term per level, outer first, grouped by `a`, `b:a`, `c:b:a` (lme4
 *   builds the nested interaction inner-first, so `(1 | batch/cask)` gives `cask:batch`).
 *
 * @throws FormulaSyntaxError when the left side is empty or contains a bar, `offset` or
 *   `zerocorr`; when the grouping side is not a column or an interaction / nesting of columns; when
 *   a variable appears on both sides.
 */
export function expandRandomTerm(
  bar: BarExpr,
  correlated: boolean,
  span: Span,
  settings: ParseSettings,
): RandomEffectsTerm[] {
  const scope = new FactorScope();
  const context = { ...settings, scope };
  const enclosing = { description: "the left side of '|'", allowsIntercept: true };
  const set = foldSum(flattenSum(bar.left, settings, false), context, enclosing);
  const intercept = set.intercept ?? true;
  const terms = termsOf(set, scope);
  if (!intercept && terms.length === 0) {
    throw new FormulaSyntaxError(
      `the left side of '${bar.op}' has no terms: '0' removes the intercept and nothing is left`,
      settings.text,
      bar.left.span.start,
      bar.left.span.end - bar.left.span.start,
    );
  }
  const levels = groupingLevels(bar.right, settings);
  checkDisjointSides(terms, levels, bar, settings);

  const pieces: Array<{ intercept: boolean; terms: readonly Term[] }> =
    bar.op === "||"
      ? [
          ...(intercept ? [{ intercept: true, terms: [] }] : []),
          ...terms.map((term) => ({ intercept: false, terms: [term] })),
        ]
      : [{ intercept, terms }];
  const result: RandomEffectsTerm[] = [];
  for (const piece of pieces) {
    for (const grouping of levels) {
      const groupingLabel = grouping.map((factor) => factor.label).join(":");
      const shape = { ...piece, groupingLabel, correlated };
      result.push({ ...shape, grouping, label: formatRandomEffectsTerm(shape), span });
    }
  }
  return result;
}

/** The grouping factors of each nesting level: `a/b` gives [[a], [b, a]]. */
function groupingLevels(expr: Expr, settings: ParseSettings): TermFactor[][] {
  const chain: VariableExpr[][] = [];
  let node = expr;
  const inner: VariableExpr[][] = [];
  for (let slash = unwrapParentheses(node); slash.kind === "binary" && slash.op === "/"; ) {
    inner.push(groupingItem(slash.right, settings));
    node = slash.left;
    slash = unwrapParentheses(node);
  }
  chain.push(groupingItem(node, settings), ...inner.reverse());
  const levels: TermFactor[][] = [];
  for (let level = 0; level < chain.length; level++) {
    const seen = new Set<string>();
    const factors: TermFactor[] = [];
    for (let k = level; k >= 0; k--) {
      for (const variable of chain[k]) {
        if (seen.has(variable.name)) continue;
        seen.add(variable.name);
        factors.push({
          label: formatName(variable.name),
          expr: variable,
          variables: [variable.name],
          fulldummy: false,
        });
      }
    }
    levels.push(factors);
  }
  return levels;
}

/** A column or an interaction (`:` / `&`) of columns on the grouping side. */
function groupingItem(expr: Expr, settings: ParseSettings): VariableExpr[] {
  const node = unwrapParentheses(expr);
  const fail = (reason: string, at: Span = node.span): never => {
    throw new FormulaSyntaxError(reason, settings.text, at.start, at.end - at.start);
  };
  switch (node.kind) {
    case "paren":
      return groupingItem(node.inner, settings);
    case "variable":
      checkColumnName(node, settings);
      return [node];
    case "number":
      return fail(`the grouping factor must be a column, not the number ${formatExpr(node)}`);
    case "call":
      return fail(
        `the grouping factor must be a column or an interaction of columns, not the transform ` +
          `${formatExpr(node)}; compute it as a column first`,
        { start: node.span.start, end: node.span.start + node.name.length },
      );
    case "unary":
      return fail("a sign cannot be applied to a grouping factor", {
        start: node.span.start,
        end: node.span.start + 1,
      });
    case "binary": {
      const at = operatorOffset(node, settings.text);
      const opSpan = { start: at, end: at + node.op.length };
      switch (node.op) {
        case ":":
        case "&":
          return [...groupingItem(node.left, settings), ...groupingItem(node.right, settings)];
        case "|":
        case "||":
          return fail(
            "a random-effects term cannot be inside another random-effects term",
            expr.span,
          );
        case "+":
          return fail(
            "'+' cannot combine grouping factors: use ':' or '&' for their interaction, " +
              "or write separate terms (1 | a) + (1 | b)",
            opSpan,
          );
        case "/":
          return fail("nesting '/' must be the outermost operator on the grouping side", opSpan);
        default:
          return fail(
            `'${node.op}' cannot be used on the grouping side of '|'; only ':', '&' and '/' can`,
            opSpan,
          );
      }
    }
  }
}

/** lme4 fits `(Subject | Subject)` into nonsense and MixedModels.jl rejects it; so do we. */
function checkDisjointSides(
  terms: readonly Term[],
  levels: readonly TermFactor[][],
  bar: BarExpr,
  settings: ParseSettings,
): void {
  const left = new Set(terms.flatMap((term) => term.factors.flatMap((factor) => factor.variables)));
  for (const factor of levels[levels.length - 1]) {
    const name = factor.variables[0];
    if (left.has(name)) {
      throw new FormulaSyntaxError(
        `'${name}' appears on both sides of '${bar.op}': a variable cannot vary within its own groups`,
        settings.text,
        factor.expr.span.start,
        factor.expr.span.end - factor.expr.span.start,
      );
    }
  }
}
