import type { RandomEffectsTerm, Term } from "./types";

/** Formula text of a term: factor labels joined by ":", `fulldummy(...)` written out. */
export function formatTerm(term: Term): string {
  return term.factors
    .map((factor) => (factor.fulldummy ? `fulldummy(${factor.label})` : factor.label))
    .join(":");
}

/**
 * Canonical text of a random-effects term: `(1 | g)`, `(1 + Days | Subject)`, `(0 + x | b:a)`,
 * `zerocorr(1 + x | g)`. The intercept is always explicit, as `1 +` or `0 +`.
 */
export function formatRandomEffectsTerm(
  term: Pick<RandomEffectsTerm, "intercept" | "terms" | "groupingLabel" | "correlated">,
): string {
  const parts = [term.intercept ? "1" : "0", ...term.terms.map(formatTerm)];
  const bar = `${parts.join(" + ")} | ${term.groupingLabel}`;
  return term.correlated ? `(${bar})` : `zerocorr(${bar})`;
}
