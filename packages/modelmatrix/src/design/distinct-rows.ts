/**
 * The distinct rows of the n×p column-major matrix X, each scaled by √(its multiplicity), in a
 * canonical order (by a hash of the values, then the values): an m×p matrix U with UᵀU = XᵀX.
 * A pivoted QR depends on X only through XᵀX (column norms and their downdates), so U gives the
 * same R and pivots as X in exact arithmetic, at a fraction of the cost when X comes from
 * categorical variables (InstEval's 73 421×28 X has 28 distinct rows). The canonical order
 * makes the rounding, hence the rank decision on nearly tied columns, independent of the order
 * of the observations.
 *
 * `multiplicity[t]`, when given, is how many rows of a larger matrix row t of X stands for.
 *
 * @returns U (m×p, column-major, a new array) and m
 */
export function distinctRowsWeighted(
  x: Float64Array,
  n: number,
  p: number,
  multiplicity: Float64Array | null = null,
): { matrix: Float64Array; rows: number } {
  const hashes = rowHashes(x, n, p);
  const compare = (a: number, b: number) => hashes[a] - hashes[b] || compareRows(x, n, p, a, b);
  const groups =
    fewDistinctRows(x, n, p, hashes, Math.max(64, n >> 3), multiplicity) ??
    sortedGroups(n, compare, multiplicity);
  const m = groups.representatives.length;
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) =>
    compare(groups.representatives[a], groups.representatives[b]),
  );
  const matrix = new Float64Array(m * p);
  order.forEach((k, row) => {
    const t = groups.representatives[k];
    const scale = Math.sqrt(groups.counts[k]);
    for (let j = 0; j < p; j++) matrix[j * m + row] = x[j * n + t] * scale;
  });
  return { matrix, rows: m };
}

/** One representative row index per distinct row, and how many rows equal it. */
interface RowGroups {
  readonly representatives: number[];
  readonly counts: number[];
}

/**
 * Distinct rows by hashing; null as soon as there are more than `limit` of them (then sorting
 * is cheaper). Whether it gives up depends only on the number of distinct rows, not on their
 * order.
 */
function fewDistinctRows(
  x: Float64Array,
  n: number,
  p: number,
  hashes: Int32Array,
  limit: number,
  multiplicity: Float64Array | null,
): RowGroups | null {
  const representatives: number[] = [];
  const counts: number[] = [];
  const groupsOfHash = new Map<number, number[]>();
  for (let t = 0; t < n; t++) {
    const candidates = groupsOfHash.get(hashes[t]);
    const match = candidates?.find((k) => compareRows(x, n, p, representatives[k], t) === 0);
    const weight = multiplicity === null ? 1 : multiplicity[t];
    if (match !== undefined) {
      counts[match] += weight;
      continue;
    }
    if (representatives.length === limit) return null;
    const k = representatives.length;
    representatives.push(t);
    counts.push(weight);
    if (candidates) candidates.push(k);
    else groupsOfHash.set(hashes[t], [k]);
  }
  return { representatives, counts };
}

/** Distinct rows by sorting all rows so that equal rows are adjacent. */
function sortedGroups(
  n: number,
  compare: (a: number, b: number) => number,
  multiplicity: Float64Array | null,
): RowGroups {
  const order = new Int32Array(n);
  for (let t = 0; t < n; t++) order[t] = t;
  order.sort(compare);
  const representatives: number[] = [];
  const counts: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = order[k];
    const weight = multiplicity === null ? 1 : multiplicity[t];
    const last = representatives.length - 1;
    if (last >= 0 && compare(representatives[last], t) === 0) counts[last] += weight;
    else {
      representatives.push(t);
      counts.push(weight);
    }
  }
  return { representatives, counts };
}

/** A hash of each row's bits (column by column, so one sequential pass per column). */
export function rowHashes(x: Float64Array, n: number, p: number): Int32Array {
  const words = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  const hashes = new Int32Array(n);
  for (let j = 0; j < p; j++) {
    const base = 2 * j * n;
    for (let t = 0; t < n; t++) {
      let h = hashes[t];
      h = Math.imul(h ^ words[base + 2 * t], 0x9e3779b1);
      h = Math.imul(h ^ words[base + 2 * t + 1], 0x85ebca77);
      hashes[t] = h ^ (h >>> 15);
    }
  }
  return hashes;
}

/** Lexicographic comparison of rows a and b (column 0 first). */
function compareRows(x: Float64Array, n: number, p: number, a: number, b: number): number {
  for (let j = 0; j < p; j++) {
    const difference = x[j * n + a] - x[j * n + b];
    if (difference !== 0) return difference < 0 ? -1 : 1;
  }
  return 0;
}
