/**
 * Candidate names closest to `wanted` by edit distance (case differences count half), best first.
 * Used to say "did you mean 'Reaction'?" for a mistyped column.
 *
 * The cost is bounded whatever the names: only distances up to `MAX_SUGGESTION_DISTANCE` matter,
 * so each comparison is a band of that width around the diagonal (Ukkonen's cut-off), names longer
 * than `MAX_COMPARED_LENGTH` are not compared, and at most `MAX_CANDIDATES` names are examined.
 */
export function closestNames(wanted: string, candidates: readonly string[], limit = 3): string[] {
  if (wanted.length > MAX_COMPARED_LENGTH) return [];
  const allowed = Math.min(MAX_SUGGESTION_DISTANCE, Math.max(1, Math.floor(wanted.length / 3)));
  const found: { name: string; distance: number }[] = [];
  const count = Math.min(candidates.length, MAX_CANDIDATES);
  for (let i = 0; i < count; i++) {
    const name = candidates[i];
    if (name.length > MAX_COMPARED_LENGTH || Math.abs(name.length - wanted.length) > allowed) {
      continue;
    }
    const distance = boundedEditDistance(wanted, name, allowed);
    if (distance <= allowed) found.push({ name, distance });
  }
  return found
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** Suggestions further than this many edits away are not useful, so they are never computed. */
export const MAX_SUGGESTION_DISTANCE = 8;
/** Names longer than this (generated keys, pasted data) get no suggestion. */
export const MAX_COMPARED_LENGTH = 256;
/** Only this many candidate names are examined (tables with more columns get a partial search). */
export const MAX_CANDIDATES = 10_000;

function substitutionCost(ca: string, cb: string): number {
  return ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 0.5 : 1;
}

/** Levenshtein distance where substituting a letter by itself in another case costs 0.5. */
export function editDistance(a: string, b: string): number {
  return boundedEditDistance(a, b, Math.max(a.length, b.length));
}

/**
 * `editDistance(a, b)` when it is at most `bound`, otherwise some value greater than `bound`.
 * Only cells within `bound` of the diagonal can lie on a path of cost ≤ bound, so the work is
 * O(min(|a|, |b|) · bound) instead of O(|a| · |b|), and it stops as soon as a whole row exceeds
 * the bound.
 */
export function boundedEditDistance(a: string, b: string, bound: number): number {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  const band = Math.ceil(bound);
  const outside = bound + 1;
  // Cells outside the band stay at `outside`; each row writes its band and the cell on each side.
  let previous = new Float64Array(b.length + 2).fill(outside);
  let current = new Float64Array(b.length + 2).fill(outside);
  for (let j = 0; j <= Math.min(b.length, band); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - band);
    const to = Math.min(b.length, i + band);
    current[from - 1] = from === 1 ? i : outside;
    let rowMinimum = current[from - 1];
    for (let j = from; j <= to; j++) {
      const value = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + substitutionCost(a[i - 1], b[j - 1]),
      );
      current[j] = value;
      if (value < rowMinimum) rowMinimum = value;
    }
    current[to + 1] = outside;
    if (rowMinimum > bound) return outside;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], outside);
}

/** "; did you mean 'x' or 'y'?" or "" when nothing is close. */
export function didYouMean(wanted: string, candidates: readonly string[]): string {
  const close = closestNames(wanted, candidates);
  if (close.length === 0) return "";
  const quoted = close.map((name) => `'${name}'`);
  const list =
    quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
  return `; did you mean ${list}?`;
}
