import type { Term, TermFactor } from "@mixedmodels/formula";

/** How a factor enters its term: through its contrasts, or with one indicator per level. */
export type Coding = "contrasts" | "full";

/**
 * R's rule (Chambers & Hastie, Statistical Models in S, p. 38; `TermCode` in R's model.c) for
 * which categorical factors of each term get contrasts. Factor F of term T is coded by contrasts
 * when T without F is empty or is contained in an earlier term, and by full indicators
 * otherwise. Without an intercept, the first categorical factor of the first term that has one
 * gets full indicators, so `0 + f` gives a column per level.
 *
 * @param terms in model order (sorted by degree, as `ParsedFormula.fixed`)
 * @returns codings[i][j] for factor j of term i (meaningful for categorical factors only)
 */
export function termCodings(
  terms: readonly Term[],
  intercept: boolean,
  isCategorical: (factor: TermFactor) => boolean,
): Coding[][] {
  const factorSets = terms.map((term) => new Set(term.factors.map((factor) => factor.label)));
  const codings = terms.map((term, i) =>
    term.factors.map((factor): Coding => {
      if (factor.fulldummy) return "full";
      const margin = term.factors.filter((other) => other !== factor).map((other) => other.label);
      if (margin.length === 0) return "contrasts";
      for (let k = 0; k < i; k++) {
        if (margin.every((label) => factorSets[k].has(label))) return "contrasts";
      }
      return "full";
    }),
  );
  if (!intercept) {
    for (let i = 0; i < terms.length; i++) {
      const j = terms[i].factors.findIndex(isCategorical);
      if (j >= 0) {
        codings[i][j] = "full";
        break;
      }
    }
  }
  return codings;
}
