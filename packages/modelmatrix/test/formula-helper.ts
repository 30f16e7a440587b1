/**
 * Builds `ParsedFormula` objects by hand, following the formula package's contract (types.ts):
 * `fixed` without the intercept and sorted by degree, bar terms with `/` and `||` expanded.
 * Tests use it for shapes the parser does not produce (a single bar term with
 * `correlated: false`).
 */
import type {
  Expr,
  ParsedFormula,
  RandomEffectsTerm,
  Term,
  TermFactor,
} from "@mixedmodels/formula";

const span = { start: 0, end: 0 };

export function variable(name: string): Expr {
  return { kind: "variable", name, span };
}

export function number(value: number): Expr {
  return { kind: "number", value, span };
}

function variablesOf(expr: Expr): string[] {
  switch (expr.kind) {
    case "variable":
      return [expr.name];
    case "number":
      return [];
    case "call":
      return [...new Set(expr.args.flatMap(variablesOf))];
    case "binary":
      return [...new Set([...variablesOf(expr.left), ...variablesOf(expr.right)])];
    case "unary":
      return variablesOf(expr.operand);
    case "paren":
      return variablesOf(expr.inner);
  }
}

/** A term factor: a column name, or a transform with its label (`transform("log(x)", call("log", variable("x")))`). */
export function transform(label: string, expr: Expr, fulldummy = false): TermFactor {
  return { label, expr, variables: variablesOf(expr), fulldummy };
}

export function factorOf(spec: string | TermFactor): TermFactor {
  return typeof spec === "string" ? transform(spec, variable(spec)) : spec;
}

export function term(...factors: (string | TermFactor)[]): Term {
  const list = factors.map(factorOf);
  return { factors: list, label: list.map((f) => f.label).join(":"), degree: list.length };
}

export interface BarSpec {
  readonly intercept?: boolean;
  readonly terms?: readonly Term[];
  readonly correlated?: boolean;
}

export function bar(spec: BarSpec, ...grouping: string[]): RandomEffectsTerm {
  const intercept = spec.intercept ?? true;
  const terms = spec.terms ?? [];
  const lhs = [intercept ? "1" : "0", ...terms.map((t) => t.label)].join(" + ");
  const groupingLabel = grouping.join(":");
  return {
    intercept,
    terms,
    grouping: grouping.map((name) => factorOf(name)),
    groupingLabel,
    correlated: spec.correlated ?? true,
    label: `(${lhs} ${spec.correlated === false ? "||" : "|"} ${groupingLabel})`,
    span,
  };
}

export interface ModelSpec {
  readonly response: string | { label: string; expr: Expr };
  readonly intercept?: boolean;
  readonly fixed?: readonly Term[];
  readonly random: readonly RandomEffectsTerm[];
  readonly offsets?: readonly Expr[];
}

export function model(spec: ModelSpec): ParsedFormula {
  const response =
    typeof spec.response === "string"
      ? { label: spec.response, expr: variable(spec.response) }
      : spec.response;
  const fixed = spec.fixed ?? [];
  const variables = new Set<string>(variablesOf(response.expr));
  for (const t of fixed) for (const f of t.factors) for (const v of f.variables) variables.add(v);
  for (const b of spec.random) {
    for (const t of b.terms)
      for (const f of t.factors) for (const v of f.variables) variables.add(v);
    for (const g of b.grouping) for (const v of g.variables) variables.add(v);
  }
  for (const o of spec.offsets ?? []) for (const v of variablesOf(o)) variables.add(v);
  return {
    text: "",
    ast: { response: response.expr, rhs: number(1), span },
    response: response.expr,
    responseLabel: response.label,
    intercept: spec.intercept ?? true,
    fixed,
    random: spec.random,
    offsets: spec.offsets ?? [],
    variables: [...variables],
  };
}
