export { formatExpr, unwrapParentheses } from "./format-expr";
export { formatFormula } from "./format-formula";
export { formatName, isSyntacticName } from "./format-name";
export { formatRandomEffectsTerm, formatTerm } from "./format-term";
// Re-exported from core, where the one error hierarchy lives, so existing imports keep working.
export { FormulaSyntaxError } from "@mixedmodels/core";
export type { FunctionRole, KnownFunction, ParseFormulaOptions } from "./known-functions";
export { KNOWN_FUNCTIONS } from "./known-functions";
export { parseFormula } from "./parse-formula";
export { MAX_EXPRESSION_DEPTH, parseFormulaAst } from "./parse-formula-ast";
export type {
  BinaryOperator,
  Expr,
  FormulaAst,
  ParsedFormula,
  RandomEffectsTerm,
  Span,
  Term,
  TermFactor,
} from "./types";
export { variablesOf } from "./variables-of";
