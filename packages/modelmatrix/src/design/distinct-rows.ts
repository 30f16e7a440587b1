/**
 * The distinct rows of the n×p column-major matrix X, each scaled by √(its multiplicity), in
 * lexicographic order: an m×p matrix U with UᵀU = XᵀX. A pivoted QR depends on X only through
 * XᵀX (column norms and their downdates), so U gives the same R and pivots as X in exact
 * arithmetic, at a fraction of the cost when X comes from categorical variables (InstEval's
 * 73 421×28 X has 28 distinct rows). The canonical order makes the rounding, hence the rank
 * decision on nearly tied columns, independent of the order of the observations.
 *
 * @returns U (m×p, column-major, a new array) and m
 */
export function distinctRowsWeighted(
  x: Float64Array,
  n: number,
  p: number,
): { matrix: Float64Array; rows: number } {
  const hashes = rowHashes(x, n, p);
  const idsOfHash = new Map<number, number[]>();
  const representative: number[] = [];
  const counts: number[] = [];
  for (let t = 0; t < n; t++) {
    const candidates = idsOfHash.get(hashes[t]);
    let found = -1;
    if (candidates) {
      for (const id of candidates) {
        if (compareRows(x, n, p, representative[id], t) === 0) {
          found = id;
          break;
        }
      }
    }
    if (found >= 0) {
      counts[found]++;
      continue;
    }
    const id = representative.length;
    representative.push(t);
    counts.push(1);
    if (candidates) candidates.push(id);
    else idsOfHash.set(hashes[t], [id]);
  }
  const m = representative.length;
  const order = Array.from({ length: m }, (_, id) => id).sort((a, b) =>
    compareRows(x, n, p, representative[a], representative[b]),
  );
  const matrix = new Float64Array(m * p);
  order.forEach((id, row) => {
    const scale = Math.sqrt(counts[id]);
    const t = representative[id];
    for (let j = 0; j < p; j++) matrix[j * m + row] = x[j * n + t] * scale;
  });
  return { matrix, rows: m };
}

function rowHashes(x: Float64Array, n: number, p: number): Int32Array {
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
