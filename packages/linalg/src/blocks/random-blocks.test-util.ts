/** Seeded random blocks for the block-kernel property tests (test-only; not exported). */
import {
  type Block,
  createDenseBlock,
  createDiagonalBlock,
  createSparseCscBlock,
  createUniformBlockDiagonalBlock,
  type DenseBlock,
  type SparseCscBlock,
} from "./block-types";

/** mulberry32: a small deterministic generator, uniform in [0, 1). */
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

export function uniform(random: () => number): number {
  return 2 * random() - 1;
}

export function randomDense(random: () => number, rows: number, cols: number): DenseBlock {
  const block = createDenseBlock(rows, cols);
  for (let i = 0; i < block.values.length; i++) block.values[i] = uniform(random);
  return block;
}

/** Random sparse block; each entry present with probability `density` (ascending rows). */
export function randomSparse(
  random: () => number,
  rows: number,
  cols: number,
  density: number,
): SparseCscBlock {
  const colPtr = new Int32Array(cols + 1);
  const rowIdx: number[] = [];
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) if (random() < density) rowIdx.push(r);
    colPtr[c + 1] = rowIdx.length;
  }
  const block = createSparseCscBlock(rows, cols, colPtr, Int32Array.from(rowIdx));
  for (let i = 0; i < block.values.length; i++) block.values[i] = uniform(random);
  return block;
}

/** Sparse block with exactly one nonzero per column (a nested grouping factor). */
export function randomNestedSparse(
  random: () => number,
  rows: number,
  cols: number,
): SparseCscBlock {
  const colPtr = new Int32Array(cols + 1);
  const rowIdx = new Int32Array(cols);
  for (let c = 0; c < cols; c++) {
    rowIdx[c] = Math.floor(random() * rows);
    colPtr[c + 1] = c + 1;
  }
  const block = createSparseCscBlock(rows, cols, colPtr, rowIdx);
  for (let i = 0; i < cols; i++) block.values[i] = uniform(random);
  return block;
}

/** Dense rows×cols block whose column c is nonzero only in the s rows of one random group. */
export function randomNestedDense(
  random: () => number,
  rows: number,
  cols: number,
  s: number,
): DenseBlock {
  const block = createDenseBlock(rows, cols);
  const groups = rows / s;
  for (let c = 0; c < cols; c++) {
    const g = Math.floor(random() * groups);
    for (let r = 0; r < s; r++) block.values[g * s + r + c * rows] = uniform(random);
  }
  return block;
}

export function randomDiagonal(random: () => number, n: number, positive = false): Block {
  const block = createDiagonalBlock(n);
  for (let i = 0; i < n; i++) block.values[i] = positive ? 0.5 + random() : uniform(random);
  return block;
}

/** Block-diagonal block of SPD s×s blocks (each BᵀB + s·I), full storage. */
export function randomSpdBlockDiagonal(random: () => number, s: number, count: number): Block {
  const block = createUniformBlockDiagonalBlock(s, count);
  for (let b = 0; b < count; b++) {
    const raw = new Float64Array(s * s);
    for (let i = 0; i < raw.length; i++) raw[i] = uniform(random);
    for (let c = 0; c < s; c++) {
      for (let r = 0; r < s; r++) {
        let sum = c === r ? s : 0;
        for (let k = 0; k < s; k++) sum += raw[k + r * s] * raw[k + c * s];
        block.values[b * s * s + r + c * s] = sum;
      }
    }
  }
  return block;
}

/** Dense SPD n×n block (BᵀB + n·I), full storage. */
export function randomSpdDense(random: () => number, n: number): DenseBlock {
  const raw = randomDense(random, n, n).values;
  const block = createDenseBlock(n, n);
  for (let c = 0; c < n; c++) {
    for (let r = 0; r < n; r++) {
      let sum = c === r ? n : 0;
      for (let k = 0; k < n; k++) sum += raw[k + r * n] * raw[k + c * n];
      block.values[r + c * n] = sum;
    }
  }
  return block;
}

/** Lower s×s λ with positive diagonal. */
export function randomLambda(random: () => number, s: number): Float64Array {
  const lambda = new Float64Array(s * s);
  for (let c = 0; c < s; c++) {
    lambda[c + c * s] = 0.2 + random();
    for (let r = c + 1; r < s; r++) lambda[r + c * s] = uniform(random);
  }
  return lambda;
}

/** Dense column-major product op(A)·op(B) for reference results. */
export function denseProduct(
  a: Float64Array,
  aRows: number,
  aCols: number,
  transA: boolean,
  b: Float64Array,
  bRows: number,
  bCols: number,
  transB: boolean,
): Float64Array {
  const m = transA ? aCols : aRows;
  const k = transA ? aRows : aCols;
  const n = transB ? bRows : bCols;
  const out = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) {
      let sum = 0;
      for (let l = 0; l < k; l++) {
        const ail = transA ? a[l + i * aRows] : a[i + l * aRows];
        const blj = transB ? b[j + l * bRows] : b[l + j * bRows];
        sum += ail * blj;
      }
      out[i + j * m] = sum;
    }
  }
  return out;
}

/** Lower triangle of a square column-major matrix (upper set to 0). */
export function lowerPart(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let c = 0; c < n; c++) for (let r = c; r < n; r++) out[r + c * n] = a[r + c * n];
  return out;
}

/** Largest |a_i − b_i| relative to max(1, max |b_i|). */
export function maxRelativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) worst = d;
  }
  return worst / scale;
}

/**
 * Sparse block made of whole si×sj blocks (row group × column group) present with probability
 * `density`: the pattern of a cross-product block of two vector-valued terms.
 */
export function randomGroupedSparse(
  random: () => number,
  rowGroups: number,
  colGroups: number,
  si: number,
  sj: number,
  density: number,
): SparseCscBlock {
  const present: boolean[] = [];
  for (let i = 0; i < rowGroups * colGroups; i++) present.push(random() < density);
  const cols = colGroups * sj;
  const colPtr = new Int32Array(cols + 1);
  const rowIdx: number[] = [];
  for (let c = 0; c < cols; c++) {
    const g = Math.floor(c / sj);
    for (let rg = 0; rg < rowGroups; rg++) {
      if (!present[rg + g * rowGroups]) continue;
      for (let r = 0; r < si; r++) rowIdx.push(rg * si + r);
    }
    colPtr[c + 1] = rowIdx.length;
  }
  const block = createSparseCscBlock(rowGroups * si, cols, colPtr, Int32Array.from(rowIdx));
  for (let i = 0; i < block.values.length; i++) block.values[i] = uniform(random);
  return block;
}
