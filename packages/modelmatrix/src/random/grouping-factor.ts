import type { CategoricalFactor } from "../evaluate/evaluate-factor";

/** The levels of a grouping factor on the used rows, and each row's level. */
export interface GroupingFactor {
  readonly levels: readonly string[];
  readonly refs: Int32Array;
}

/**
 * Combines categorical factors into one grouping factor. One factor: its used levels. Several
 * (`a:b`): the combinations that occur, labelled `a-level:b-level`, sorted by the first factor's
 * level order, then the second's, ... (R's `interaction(a, b, drop = TRUE, lex.order = TRUE)`,
 * which lme4 uses: pastes' `batch:cask` levels are `A:a, A:b, A:c, B:a, ...`).
 */
export function groupingFactor(factors: readonly CategoricalFactor[]): GroupingFactor {
  if (factors.length === 1) return { levels: factors[0].levels, refs: factors[0].codes };
  const n = factors[0].codes.length;
  const keys = new Float64Array(n);
  for (const factor of factors) {
    const radix = factor.levels.length;
    for (let t = 0; t < n; t++) keys[t] = keys[t] * radix + factor.codes[t];
  }
  const sorted = keys.slice().sort();
  const indexOfKey = new Map<number, number>();
  const levels: string[] = [];
  for (let t = 0; t < n; t++) {
    const key = sorted[t];
    if (t > 0 && key === sorted[t - 1]) continue;
    indexOfKey.set(key, levels.length);
    levels.push(keyLabel(key, factors));
  }
  const refs = new Int32Array(n);
  for (let t = 0; t < n; t++) refs[t] = indexOfKey.get(keys[t]) as number;
  return { levels, refs };
}

function keyLabel(key: number, factors: readonly CategoricalFactor[]): string {
  const parts: string[] = new Array(factors.length);
  let rest = key;
  for (let i = factors.length - 1; i >= 0; i--) {
    const radix = factors[i].levels.length;
    const code = rest % radix;
    parts[i] = factors[i].levels[code];
    rest = (rest - code) / radix;
  }
  return parts.join(":");
}
