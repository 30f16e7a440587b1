/**
 * Deterministic pseudo-random matrices for tests and benchmarks (not exported from the package).
 * Everything is column-major and seeded, so failures reproduce exactly.
 */

/** A small, fast, seeded generator (mulberry32) returning uniforms in [0, 1). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** rows×cols matrix of uniforms in [-1, 1), stored with leading dimension `ld` at `offset`. */
export function randomMatrix(
  random: () => number,
  rows: number,
  cols: number,
  ld = rows,
  offset = 0,
): Float64Array {
  const out = new Float64Array(offset + ld * cols);
  out.fill(Number.NaN);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) out[offset + i + j * ld] = 2 * random() - 1;
  }
  return out;
}

/** rows×cols matrix of small integers in [-range, range], contiguous. */
export function randomIntegerMatrix(
  random: () => number,
  rows: number,
  cols: number,
  range = 5,
): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(random() * (2 * range + 1)) - range;
  return out;
}

/** Symmetric positive definite n×n matrix BᵀB + n·I (full, both triangles), contiguous. */
export function randomSpdMatrix(random: () => number, n: number): Float64Array {
  const b = randomMatrix(random, n, n);
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let sum = 0;
      for (let l = 0; l < n; l++) sum += b[l + i * n] * b[l + j * n];
      out[i + j * n] = sum;
      out[j + i * n] = sum;
    }
    out[j + j * n] += n;
  }
  return out;
}

/** Copies the rows×cols matrix at (source, offset, ld) into a fresh contiguous array. */
export function copyMatrix(
  rows: number,
  cols: number,
  source: Float64Array,
  offset: number,
  ld: number,
): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) out[i + j * rows] = source[offset + i + j * ld];
  }
  return out;
}

/** Embeds a contiguous rows×cols matrix into a NaN-filled array with the given offset and ld. */
export function embedMatrix(
  rows: number,
  cols: number,
  source: Float64Array,
  offset: number,
  ld: number,
): Float64Array {
  const out = new Float64Array(offset + ld * cols + 3);
  out.fill(Number.NaN);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) out[offset + i + j * ld] = source[i + j * rows];
  }
  return out;
}

/** Frobenius norm of a contiguous array. */
export function frobeniusNorm(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}
