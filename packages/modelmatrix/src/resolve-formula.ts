import { ModelError } from "@mixedmodels/core";
import type { ParsedFormula } from "@mixedmodels/formula";

/** A parsed formula as is; formula text through the formula package's parser. */
export function resolveFormula(formula: string | ParsedFormula): ParsedFormula {
  if (typeof formula !== "string") return formula;
  throw new ModelError(
    "formula text needs parseFormula from @mixedmodels/formula, which is not available yet; pass a ParsedFormula",
  );
}
