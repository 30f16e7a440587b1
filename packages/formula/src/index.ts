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
