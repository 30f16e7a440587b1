import { formatExpr, type ParsedFormula } from "@mixedmodels/formula";
import type { ModelPartsWarning } from "./types";

/**
 * The formula as it will be fitted, with the notes a user should see: fixed-effects terms that
 * contain the response are dropped (R's `model.matrix` drops the response from the right-hand side
 * with a warning; fitting y on itself is meaningless: the objective runs to −∞), and a right-hand
 * side that is one unparenthesised bar term is reported as read the lme4 way.
 */
export function formulaAsFitted(formula: ParsedFormula): {
  formula: ParsedFormula;
  warnings: ModelPartsWarning[];
} {
  const warnings: ModelPartsWarning[] = [];
  const rhs = formula.ast.rhs;
  if (rhs.kind === "binary" && (rhs.op === "|" || rhs.op === "||")) {
    const term = formula.random.map((random) => random.label).join(" + ");
    const text = formatExpr(rhs);
    const bar = text.startsWith("(") ? text : `(${text})`;
    warnings.push({
      code: "unparenthesised-random-term",
      message: `the right-hand side '${bar.slice(1, -1)}' was read as lme4 reads it: the random-effects term ${term} with the intercept as the only fixed effect; write '${formula.responseLabel} ~ 1 + ${formatExpr(rhs.left)} + ${bar}' to have ${formatExpr(rhs.left)} as fixed effects too`,
      term,
    });
  }
  const response = formula.responseLabel;
  if (response === null) return { formula, warnings };
  const kept = formula.fixed.filter((term) => !term.factors.some((f) => f.label === response));
  if (kept.length === formula.fixed.length) return { formula, warnings };
  const dropped = formula.fixed.filter((term) => !kept.includes(term)).map((term) => term.label);
  warnings.push({
    code: "response-on-right-hand-side",
    message: `the response '${response}' also appears on the right-hand side; dropped the fixed-effects term${dropped.length > 1 ? "s" : ""} ${dropped.map((label) => `'${label}'`).join(", ")} (as R's model.matrix does)`,
    column: response,
    term: dropped[0],
  });
  return { formula: { ...formula, fixed: kept }, warnings };
}
