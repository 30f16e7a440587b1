import type { Expr, FormulaAst, ParsedFormula } from "./types";

/**
 * The data columns an expression, syntax tree or parsed formula reads, each once, in order of
 * first appearance. For a `ParsedFormula` this is its `variables` (only columns its expanded terms,
 * offsets and response use); for an `Expr` or `FormulaAst`, every variable node in the tree.
 */
export function variablesOf(source: Expr | FormulaAst | ParsedFormula): string[] {
  if ("variables" in source) return [...source.variables];
  const names = new Set<string>();
  if ("rhs" in source) {
    if (source.response) collect(source.response, names);
    collect(source.rhs, names);
  } else {
    collect(source, names);
  }
  return [...names];
}

function collect(expr: Expr, names: Set<string>): void {
  switch (expr.kind) {
    case "variable":
      names.add(expr.name);
      return;
    case "number":
      return;
    case "paren":
      collect(expr.inner, names);
      return;
    case "unary":
      collect(expr.operand, names);
      return;
    case "binary":
      collect(expr.left, names);
      collect(expr.right, names);
      return;
    case "call":
      for (const argument of expr.args) collect(argument, names);
  }
}
