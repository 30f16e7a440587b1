/**
 * The public shapes of a parsed formula. `parseFormula(text)` returns a `ParsedFormula`;
 * `modelmatrix` reads `fixed`, `random`, `response` and evaluates each `TermFactor.expr` per row.
 */

/** Half-open character range [start, end) into the formula text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type BinaryOperator = "+" | "-" | "*" | "/" | ":" | "&" | "^" | "|" | "||" | "%in%";

/** Expression AST. Arithmetic inside `I(...)` and function arguments uses the same nodes. */
export type Expr =
  | { readonly kind: "variable"; readonly name: string; readonly span: Span }
  | { readonly kind: "number"; readonly value: number; readonly span: Span }
  | {
      readonly kind: "call";
      readonly name: string;
      readonly args: readonly Expr[];
      readonly span: Span;
    }
  | {
      readonly kind: "binary";
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
      readonly span: Span;
    }
  | { readonly kind: "unary"; readonly op: "-" | "+"; readonly operand: Expr; readonly span: Span }
  | { readonly kind: "paren"; readonly inner: Expr; readonly span: Span };

/** `response ~ rhs`; `response` is null for a one-sided formula `~ x`. */
export interface FormulaAst {
  readonly response: Expr | null;
  readonly rhs: Expr;
  readonly span: Span;
}

/**
 * One factor of a term: a data column (`Days`) or a transform evaluated per row (`log(x)`,
 * `I(x^2)`, `poly(x, 2)`, `factor(g)`, `scale(x)`).
 */
export interface TermFactor {
  /** Canonical text, used in coefficient names: `Days`, `log(x)`, `I(x^2)`, `poly(x, 2)`. */
  readonly label: string;
  /**
   * A `variable` node for a plain column, a `call` node for a transform. For `fulldummy(f)` it is
   * the inner expression (`f`), with `fulldummy: true` and the inner expression's `label`.
   */
  readonly expr: Expr;
  /** Data columns this factor reads (`["x"]` for `log(x)`), in order of first appearance. */
  readonly variables: readonly string[];
  /** True when wrapped in `fulldummy(...)`: all indicator columns, no contrast. */
  readonly fulldummy: boolean;
}

/**
 * A fixed-effects (or random-effects left-hand-side) term: one factor (a main effect) or several
 * (an interaction `a:b`, `a & b`). Factors are in the order their variables first appear in the
 * formula, as R's `terms()` orders them, so `label` matches lme4's coefficient names.
 */
export interface Term {
  readonly factors: readonly TermFactor[];
  /** `a:b` style label, factors joined by ":". */
  readonly label: string;
  /** Number of factors. */
  readonly degree: number;
}

/** The left-hand side of a bar term, expanded: `(1 + Days | Subject)` has intercept and [Days]. */
export interface RandomEffectsTerm {
  /** Whether the term has an intercept (implicit unless `0 +` / `- 1`). */
  readonly intercept: boolean;
  /** Non-intercept terms, expanded and ordered as fixed-effects terms are. */
  readonly terms: readonly Term[];
  /** The grouping factors: one for `g`, several for `a:b` / `a & b`. */
  readonly grouping: readonly TermFactor[];
  /** Grouping label as lme4 prints it: `Subject`, `batch:cask`; `(1|a/b)` gives `a` and `b:a`. */
  readonly groupingLabel: string;
  /** False for `zerocorr(...)`: a diagonal relative covariance factor. */
  readonly correlated: boolean;
  /** Canonical text of this bar term, e.g. `(1 + Days | Subject)`. */
  readonly label: string;
  /** Where in the formula text the bar term came from. */
  readonly span: Span;
}

export interface ParsedFormula {
  /** The text as given. */
  readonly text: string;
  readonly ast: FormulaAst;
  /** The response expression (`Reaction`, `log(y)`, `1000 / rt`), or null. */
  readonly response: Expr | null;
  /** Canonical text of the response, or null. */
  readonly responseLabel: string | null;
  /** Whether the fixed-effects part has an intercept. */
  readonly intercept: boolean;
  /** Fixed-effects terms without the intercept, ordered as lme4 orders them (by degree, stable). */
  readonly fixed: readonly Term[];
  /** Random-effects terms in formula order (`||` and `/` already expanded). */
  readonly random: readonly RandomEffectsTerm[];
  /** Expressions inside `offset(...)` terms. */
  readonly offsets: readonly Expr[];
  /** Every data column the formula reads, in order of first appearance. */
  readonly variables: readonly string[];
}
