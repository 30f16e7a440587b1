import { type ParsedFormula, parseFormula } from "@mixedmodels/formula";
import { elementwiseFunctionNames } from "./evaluate/evaluate-numeric";

/**
 * A parsed formula as is; formula text through `parseFormula`, which also accepts every
 * elementwise function this package can evaluate (`log1p`, `floor`, ...).
 *
 * @throws FormulaSyntaxError (from @mixedmodels/formula) for text that does not parse
 */
export function resolveFormula(formula: string | ParsedFormula): ParsedFormula {
  if (typeof formula !== "string") return formula;
  return parseFormula(formula, { functions: elementwiseFunctionNames });
}
