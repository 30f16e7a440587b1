import { log, log1p } from "./internal/elementary";

/**
 * The canonical pairs whose unit deviance `updateFromEta` (and models' adaptive Gauss–Hermite
 * deviance) writes in η: the η-free part of the deviance is then computed once per response.
 */
export type SaturatedKind = "logit-binomial" | "log-poisson";

/** Per response array: a copy of y and its η-free deviance terms (recomputed when y changes). */
const cache = new WeakMap<
  Float64Array,
  Map<SaturatedKind, { y: Float64Array; terms: Float64Array }>
>();

/**
 * The η-free terms of the unit deviance per row, which the deviance written in η adds to the
 * terms in η:
 *   logit, binomial: y log y + (1−y) log(1−y) (0 at y ∈ {0, 1}), with
 *     d = 2[that + log1p(e^−|η|) + y·max(−η, 0) + (1−y)·max(η, 0)]
 *     (−log μ and −log(1−μ) are the softplus of −η and η);
 *   log, Poisson: y log y − y (0 at y = 0), with d = 2[that − yη + e^η].
 * Cached per y array and rechecked against a copy of y on every call (y may change in place,
 * as a refit with a new response does): n comparisons instead of n logarithms.
 */
export function saturatedTerms(kind: SaturatedKind, y: Float64Array): Float64Array {
  let entries = cache.get(y);
  const cached = entries?.get(kind);
  if (cached !== undefined && cached.y.length === y.length) {
    const copy = cached.y;
    let same = true;
    for (let t = 0; t < y.length && same; t++) same = Object.is(copy[t], y[t]);
    if (same) return cached.terms;
  }
  const terms = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const yt = y[t];
    if (kind === "log-poisson") terms[t] = yt > 0 ? yt * log(yt) - yt : 0;
    else terms[t] = yt > 0 && yt < 1 ? yt * log(yt) + (1 - yt) * log1p(-yt) : 0;
  }
  if (entries === undefined) {
    entries = new Map();
    cache.set(y, entries);
  }
  entries.set(kind, { y: Float64Array.from(y), terms });
  return terms;
}
