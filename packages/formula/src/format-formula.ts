import { formatExpr } from "./format-expr";
import { formatTerm } from "./format-term";
import type { FormulaAst, ParsedFormula } from "./types";

/**
 * Canonical text of a formula.
 *
 * For a `ParsedFormula`, the expanded form: `response ~ 1 + terms + offset(...) + (random terms)`,
 * with the intercept always explicit (`1` or `0`), fixed terms in their sorted order, and each
 * random-effects term as its `label` (so `||` and `/` appear expanded). For a `FormulaAst`, the
 * tree as written, in the canonical spacing of `formatExpr`.
 *
 * Parsing the text gives the same structure. One caveat, shared with R: an interaction's factors
 * are ordered by first appearance, so `y ~ b:a + a` prints as `y ~ 1 + a + b:a`, which parses
 * with the term `a:b`; printing is idempotent from then on.
 */
export function formatFormula(formula: ParsedFormula | FormulaAst): string {
  if (!("fixed" in formula)) {
    const rhs = formatExpr(formula.rhs);
    return formula.response === null ? `~ ${rhs}` : `${formatExpr(formula.response)} ~ ${rhs}`;
  }
  const parts = [
    formula.intercept ? "1" : "0",
    ...formula.fixed.map(formatTerm),
    ...formula.offsets.map((offset) => `offset(${formatExpr(offset)})`),
    ...formula.random.map((term) => term.label),
  ];
  const rhs = parts.join(" + ");
  return formula.responseLabel === null ? `~ ${rhs}` : `${formula.responseLabel} ~ ${rhs}`;
}
