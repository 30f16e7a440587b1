import type { ParsedFormula, RandomEffectsTerm, Term } from "../src/index";
import { formatExpr } from "../src/index";

/** A term as comparable data: its label plus fulldummy marks and the columns it reads. */
function termShape(term: Term) {
  return {
    label: term.label,
    degree: term.degree,
    factors: term.factors.map((f) => ({
      label: f.label,
      fulldummy: f.fulldummy,
      variables: f.variables,
    })),
  };
}

function randomShape(term: RandomEffectsTerm) {
  return {
    intercept: term.intercept,
    terms: term.terms.map(termShape),
    grouping: term.grouping.map((f) => f.label),
    groupingLabel: term.groupingLabel,
    correlated: term.correlated,
    label: term.label,
  };
}

/**
 * The parts of a parsed formula that mean something, without source text, spans or AST:
 * what a round trip through `formatFormula` must preserve.
 */
export function formulaStructure(formula: ParsedFormula) {
  return {
    responseLabel: formula.responseLabel,
    intercept: formula.intercept,
    fixed: formula.fixed.map(termShape),
    random: formula.random.map(randomShape),
    offsets: formula.offsets.map(formatExpr),
    variables: [...formula.variables].sort(),
  };
}

/** Fixed-term labels, prefixed by "(Intercept)" when there is one: lme4's coefficient layout. */
export function fixedLabels(formula: ParsedFormula): string[] {
  return [...(formula.intercept ? ["(Intercept)"] : []), ...formula.fixed.map((t) => t.label)];
}
