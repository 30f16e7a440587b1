import { rowHashes } from "./distinct-rows";

/** The rows of X grouped into classes of equal rows (equal bit for bit). */
export interface EqualRows {
  /** The first row of each class, increasing. */
  readonly representatives: Int32Array;
  /** How many rows each class holds. */
  readonly counts: Float64Array;
  /** The class of each row (an index into `representatives`). */
  readonly classOf: Int32Array;
}

/**
 * The classes of equal rows of the n×p column-major X in one hashing pass and one checking pass
 * per column (both sequential), for designs built from categorical variables (InstEval's
 * 73,421×28 X has 28 classes). Rows are put in a class by their hash alone and then checked
 * against its first row column by column: null when two unequal rows share a hash, or when
 * there are more than `limit` classes (the caller then works on all rows). Equal means equal
 * bits: rows equal in value but not in bits (0 and −0) fall in different classes, and should
 * their hashes collide the result is null.
 */
export function equalRows(x: Float64Array, n: number, p: number, limit: number): EqualRows | null {
  const hashes = rowHashes(x, n, p);
  let size = 16;
  while (size < 2 * limit) size *= 2;
  const mask = size - 1;
  // slot → class + 1 (0: empty)
  const table = new Int32Array(size);
  const classHash = new Int32Array(limit);
  const first = new Int32Array(limit);
  const counts = new Float64Array(limit);
  // The first row of each row's class.
  const firstOf = new Int32Array(n);
  const classOf = new Int32Array(n);
  let classes = 0;
  for (let t = 0; t < n; t++) {
    const hash = hashes[t];
    let slot = hash & mask;
    let found = -1;
    while (table[slot] !== 0) {
      const k = table[slot] - 1;
      if (classHash[k] === hash) {
        found = k;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (found === -1) {
      if (classes === limit) return null;
      found = classes++;
      table[slot] = found + 1;
      classHash[found] = hash;
      first[found] = t;
    }
    firstOf[t] = first[found];
    classOf[t] = found;
    counts[found]++;
  }
  // Bit for bit (both 32-bit halves), so a class's rows are its first row's bits: a check of
  // the first rows (integer values, no −0, largest magnitude) then holds for every row.
  const words = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
  for (let j = 0; j < p; j++) {
    const offset = 2 * j * n;
    for (let t = 0; t < n; t++) {
      const a = offset + 2 * t;
      const b = offset + 2 * firstOf[t];
      if (words[a] !== words[b] || words[a + 1] !== words[b + 1]) return null;
    }
  }
  return { representatives: first.slice(0, classes), counts: counts.slice(0, classes), classOf };
}

/** Rows `rows` of the n×p column-major X, as an m×p column-major matrix. */
export function gatherRows(x: Float64Array, n: number, p: number, rows: Int32Array): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < m; k++) out[j * m + k] = x[j * n + rows[k]];
  }
  return out;
}
