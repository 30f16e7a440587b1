import {
  type Block,
  createDenseBlock,
  createDiagonalBlock,
  createSparseCscBlock,
  createUniformBlockDiagonalBlock,
  type DenseBlock,
} from "@mixedmodels/linalg";
import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/** Off-diagonal random-effects blocks at or below this fill ratio are stored sparse. */
export const SPARSE_DENSITY_THRESHOLD = 0.1;

/**
 * The blocked lower triangle of A = [Z X y]ᵀW[Z X y] (W = diag of the case weights, or I),
 * packed row by row: k+1 block rows for k random-effects terms. Every
 * entry is a sum over observations in data order, computed once per model.
 */
export function buildCrossProduct(parts: ModelParts, weights: Float64Array | null): Block[] {
  const terms = parts.reterms;
  const blocks: Block[] = [];
  for (let i = 0; i < terms.length; i++) {
    for (let j = 0; j < i; j++) blocks.push(termCrossProduct(terms[i], terms[j], weights));
    blocks.push(termDiagonal(terms[i], weights));
  }
  const xy = fixedResponseColumns(parts);
  for (let j = 0; j < terms.length; j++)
    blocks.push(fixedTermProduct(xy, parts.n, terms[j], weights));
  blocks.push(fixedGram(xy, parts.n, weights));
  return blocks;
}

/** [X y] as one n×(p+1) column-major array (y − offset last). */
export function fixedResponseColumns(parts: ModelParts): Float64Array {
  const { n } = parts;
  const p = parts.X.p;
  const xy = new Float64Array(n * (p + 1));
  xy.set(parts.X.data.subarray(0, n * p));
  xy.set(parts.y, n * p);
  // An offset is known, so the model is fitted to y − offset.
  const offset = parts.offset;
  if (offset !== undefined && offset !== null) {
    for (let t = 0; t < n; t++) xy[n * p + t] -= offset[t];
  }
  return xy;
}

function weight(weights: Float64Array | null, t: number): number {
  return weights === null ? 1 : weights[t];
}

function termDiagonal(term: RandomEffectsMatrix, weights: Float64Array | null): Block {
  const { s, refs, z } = term;
  const levels = term.levels.length;
  if (s === 1) {
    const block = createDiagonalBlock(levels);
    for (let t = 0; t < refs.length; t++) block.values[refs[t]] += weight(weights, t) * z[t] * z[t];
    return block;
  }
  const block = createUniformBlockDiagonalBlock(s, levels);
  const v = block.values;
  for (let t = 0; t < refs.length; t++) {
    const w = weight(weights, t);
    const base = refs[t] * s * s;
    for (let c = 0; c < s; c++) {
      const zc = w * z[t * s + c];
      for (let r = 0; r < s; r++) v[base + r + c * s] += z[t * s + r] * zc;
    }
  }
  return block;
}

/**
 * Z_iᵀ Z_j for i > j: Diagonal when square and diagonal (scalar terms), sparse CSC when at most
 * 10% filled, else dense (MixedModels.jl's createAL and densify).
 */
function termCrossProduct(
  rowTerm: RandomEffectsMatrix,
  colTerm: RandomEffectsMatrix,
  weights: Float64Array | null,
): Block {
  const rows = rowTerm.levels.length * rowTerm.s;
  const cols = colTerm.levels.length * colTerm.s;
  const si = rowTerm.s;
  const sj = colTerm.s;
  // Sums keyed by position, accumulated in data order.
  const sums = new Map<number, number>();
  for (let t = 0; t < rowTerm.refs.length; t++) {
    const w = weight(weights, t);
    const rowBase = rowTerm.refs[t] * si;
    const colBase = colTerm.refs[t] * sj;
    for (let c = 0; c < sj; c++) {
      const zc = w * colTerm.z[t * sj + c];
      for (let r = 0; r < si; r++) {
        const key = (colBase + c) * rows + rowBase + r;
        sums.set(key, (sums.get(key) ?? 0) + rowTerm.z[t * si + r] * zc);
      }
    }
  }
  const keys = Array.from(sums.keys()).sort((a, b) => a - b);
  const scalar = si === 1 && sj === 1;
  if (scalar && rows === cols && keys.every((key) => key % rows === Math.floor(key / rows))) {
    const block = createDiagonalBlock(rows);
    for (const key of keys) block.values[key % rows] = sums.get(key) ?? 0;
    return block;
  }
  // A vector-valued term gives whole s_i×s_j blocks per co-occurring pair of levels, the
  // layout the sparse kernels for vector-valued terms expect.
  if (keys.length <= SPARSE_DENSITY_THRESHOLD * rows * cols) {
    const colPtr = new Int32Array(cols + 1);
    const rowIdx = new Int32Array(keys.length);
    const values = new Float64Array(keys.length);
    keys.forEach((key, p) => {
      rowIdx[p] = key % rows;
      values[p] = sums.get(key) ?? 0;
      colPtr[Math.floor(key / rows) + 1]++;
    });
    for (let c = 0; c < cols; c++) colPtr[c + 1] += colPtr[c];
    return createSparseCscBlock(rows, cols, colPtr, rowIdx, values);
  }
  const block = createDenseBlock(rows, cols);
  for (const key of keys) block.values[key] = sums.get(key) ?? 0;
  return block;
}

/** [X y]ᵀ Z_j, dense (p+1)×q_j. */
function fixedTermProduct(
  xy: Float64Array,
  n: number,
  term: RandomEffectsMatrix,
  weights: Float64Array | null,
): DenseBlock {
  const m = xy.length / n;
  const { s, refs, z } = term;
  const block = createDenseBlock(m, term.levels.length * s);
  const v = block.values;
  for (let t = 0; t < n; t++) {
    const w = weight(weights, t);
    for (let c = 0; c < s; c++) {
      const zc = w * z[t * s + c];
      const col = (refs[t] * s + c) * m;
      for (let r = 0; r < m; r++) v[col + r] += xy[t + r * n] * zc;
    }
  }
  return block;
}

/** [X y]ᵀ[X y], dense (p+1)×(p+1), both triangles. */
function fixedGram(xy: Float64Array, n: number, weights: Float64Array | null): DenseBlock {
  const m = xy.length / n;
  const block = createDenseBlock(m, m);
  writeFixedGram(xy, n, weights, block);
  return block;
}

/** Overwrite `target` ((p+1)×(p+1)) with [X y]ᵀW[X y]. */
export function writeFixedGram(
  xy: Float64Array,
  n: number,
  weights: Float64Array | null,
  target: DenseBlock,
): void {
  const m = xy.length / n;
  for (let c = 0; c < m; c++) {
    for (let r = c; r < m; r++) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += weight(weights, t) * xy[t + r * n] * xy[t + c * n];
      target.values[r + c * m] = sum;
      target.values[c + r * m] = sum;
    }
  }
}

/** Overwrite the response row (last row) of [X y]ᵀ Z_j in `target`. */
export function writeResponseRow(
  y: Float64Array,
  term: RandomEffectsMatrix,
  weights: Float64Array | null,
  target: DenseBlock,
): void {
  const m = target.rows;
  const { s, refs, z } = term;
  for (let col = 0; col < target.cols; col++) target.values[col * m + m - 1] = 0;
  for (let t = 0; t < y.length; t++) {
    const wy = weight(weights, t) * y[t];
    for (let c = 0; c < s; c++) target.values[(refs[t] * s + c) * m + m - 1] += z[t * s + c] * wy;
  }
}
