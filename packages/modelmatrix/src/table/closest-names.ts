/**
 * Candidate names closest to `wanted` by edit distance (case differences count half), best first.
 * Used to say "did you mean 'Reaction'?" for a mistyped column.
 */
export function closestNames(wanted: string, candidates: readonly string[], limit = 3): string[] {
  const allowed = Math.max(1, Math.floor(wanted.length / 3));
  return candidates
    .map((name) => ({ name, distance: editDistance(wanted, name) }))
    .filter((entry) => entry.distance <= allowed)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((entry) => entry.name);
}

/** Levenshtein distance where substituting a letter by itself in another case costs 0.5. */
export function editDistance(a: string, b: string): number {
  let previous = new Float64Array(b.length + 1);
  let current = new Float64Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const ca = a[i - 1];
      const cb = b[j - 1];
      const substitution = ca === cb ? 0 : ca.toLowerCase() === cb.toLowerCase() ? 0.5 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length];
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
