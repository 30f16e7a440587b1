import { FormulaSyntaxError } from "@mixedmodels/core";
import type { ParseSettings } from "./check-transforms";
import type { FactorIndices } from "./factor-scope";
import type { Span } from "./types";

// The algebra of terms as sorted lists of factor indices: the products behind '*', ':', '/' and
// '^', their union and de-duplication in R's generation order.

/** Guards the term algebra against `(a + b + ... + z)^26`-style explosions. */
export const MAX_TERMS = 10_000;

/** What an error about a too-large expansion needs to point into the formula. */
type TextContext = Pick<ParseSettings, "text">;

/** All interactions of up to `exponent` of the base terms, in R's generation order. */
export function power(
  base: readonly FactorIndices[],
  exponent: number,
  span: Span,
  context: TextContext,
) {
  let result = base;
  for (let i = 1; i < exponent; i++) {
    const next = product(base, result, span, context);
    // R multiplies k − 1 times; once the terms are complete a round can still reorder them
    // within a degree, so stop only when a round gives the same terms in the same order (every
    // later round would then too).
    if (next.length === result.length && next.every((term, t) => keyOf(term) === keyOf(result[t])))
      break;
    result = next;
  }
  return result;
}

export function product(
  left: readonly FactorIndices[],
  right: readonly FactorIndices[],
  span: Span,
  context: TextContext,
): FactorIndices[] {
  if (left.length * right.length > MAX_TERMS * 2) throw tooManyTerms(span, context);
  const terms: FactorIndices[] = [];
  for (const l of left) for (const r of right) terms.push(union(l, r));
  const result = distinct(terms);
  if (result.length > MAX_TERMS) throw tooManyTerms(span, context);
  return result;
}

function tooManyTerms(span: Span, context: TextContext): FormulaSyntaxError {
  return new FormulaSyntaxError(
    `this expands to more than ${MAX_TERMS} terms`,
    context.text,
    span.start,
    span.end - span.start,
  );
}

export function union(a: FactorIndices, b: FactorIndices): FactorIndices {
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) merged.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) merged.push(b[j++]);
    else {
      merged.push(a[i++]);
      j++;
    }
  }
  return merged;
}

export function distinct(terms: readonly FactorIndices[]): FactorIndices[] {
  const byKey = new Map<string, FactorIndices>();
  for (const term of terms) {
    const key = keyOf(term);
    if (!byKey.has(key)) byKey.set(key, term);
  }
  return [...byKey.values()];
}

export function keyOf(term: FactorIndices): string {
  return term.join(",");
}
