import { ModelError } from "@mixedmodels/core";
import type { ModelParts } from "./types";

/** `lme4`: `dept5:service1`; `mixedmodels`: `dept: 5 & service: 1` (MixedModels.jl). */
export type NamingStyle = "lme4" | "mixedmodels";

/**
 * Names of the kept columns of X (the coefficients), in either style. Both come from the schema
 * (term structure and contrast labels), not from string rewriting, so level names that contain
 * ":" or " & " are handled.
 */
export function coefficientNames(parts: ModelParts, style: NamingStyle = "lme4"): string[] {
  const { X } = parts;
  if (style === "lme4") return [...X.names];
  const all = X.mixedModelsNames ?? X.allNames;
  return Array.from(X.kept, (j) => all[j]);
}

/**
 * Converts an lme4-style column name of X (kept or aliased) or of a random-effects term to
 * MixedModels.jl's style.
 *
 * @throws ModelError when no column of `parts` has that name
 */
export function toMixedModelsName(name: string, parts: ModelParts): string {
  return translate(name, parts, "lme4");
}

/**
 * Converts a MixedModels.jl-style column name to lme4's style (inverse of `toMixedModelsName`).
 *
 * @throws ModelError when no column of `parts` has that name
 */
export function toLme4Name(name: string, parts: ModelParts): string {
  return translate(name, parts, "mixedmodels");
}

function translate(name: string, parts: ModelParts, from: NamingStyle): string {
  const pairs: [string, string][] = [];
  const { X } = parts;
  const mixed = X.mixedModelsNames ?? X.allNames;
  X.allNames.forEach((lme4, j) => {
    pairs.push([lme4, mixed[j]]);
  });
  for (const term of parts.reterms) {
    const termMixed = term.mixedModelsColumnNames ?? term.columnNames;
    term.columnNames.forEach((lme4, j) => {
      pairs.push([lme4, termMixed[j]]);
    });
  }
  const found = pairs.find(([lme4, mixedName]) => (from === "lme4" ? lme4 : mixedName) === name);
  if (found === undefined) {
    throw new ModelError(`no model column is named '${name}'`, { term: name });
  }
  return from === "lme4" ? found[1] : found[0];
}
