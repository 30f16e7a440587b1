import {
  type Block,
  createDenseBlock,
  createDiagonalBlock,
  createSparseCscBlock,
  createUniformBlockDiagonalBlock,
  type DenseBlock,
  gemm,
} from "@mixedmodels/linalg";
import type { EqualRows, ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import {
  fixedResponseProductFromClasses,
  writeFixedTermProductFromClasses,
} from "./cross-product-classes";
import { writeIntegerGram } from "./integer-gram";

/** Off-diagonal random-effects blocks at or below this fill ratio are stored sparse. */
export const SPARSE_DENSITY_THRESHOLD = 0.1;

/**
 * The blocked lower triangle of A = [Z X y]ᵀW[Z X y] (W = diag of the case weights, or I),
 * packed row by row: k+1 block rows for k random-effects terms. Every
 * entry is a sum over observations in data order, computed once per model.
 */
export function buildCrossProduct(
  parts: ModelParts,
  weights: Float64Array | null,
  fixed: FixedColumns = fixedResponseColumns(parts),
): Block[] {
  const terms = parts.reterms;
  const blocks: Block[] = [];
  for (let i = 0; i < terms.length; i++) {
    for (let j = 0; j < i; j++) blocks.push(termCrossProduct(terms[i], terms[j], weights));
    blocks.push(termDiagonal(terms[i], weights));
  }
  for (let j = 0; j < terms.length; j++) blocks.push(fixedTermProduct(fixed, terms[j], weights));
  const gram = createDenseBlock(fixed.p + 1, fixed.p + 1);
  writeFixedGram(fixed, weights, gram);
  blocks.push(gram);
  return blocks;
}

/**
 * The columns of [X y] without copying X: column r < p is `x[r·n … r·n + n)`, column p is `y`
 * (y − offset when the model has an offset).
 */
export interface FixedColumns {
  readonly n: number;
  readonly p: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** X's classes of equal rows from the model matrix, if it found them for this `x`. */
  readonly classes?: EqualRows | null;
}

/** [X y] of the model parts: X shared, y − offset in a new array. */
export function fixedResponseColumns(parts: ModelParts): FixedColumns {
  const classes = parts.X.rowClasses;
  return {
    n: parts.n,
    p: parts.X.p,
    x: parts.X.data,
    y: responseMinusOffset(parts.y, parts.offset ?? null),
    classes: classes !== undefined && classes.data === parts.X.data ? classes : null,
  };
}

/** y − offset, always in a new array. */
export function responseMinusOffset(y: Float64Array, offset: Float64Array | null): Float64Array {
  const out = Float64Array.from(y);
  // An offset is known, so the model is fitted to y − offset.
  if (offset !== null) {
    for (let t = 0; t < out.length; t++) out[t] -= offset[t];
  }
  return out;
}

function weight(weights: Float64Array | null, t: number): number {
  return weights === null ? 1 : weights[t];
}

function termDiagonal(term: RandomEffectsMatrix, weights: Float64Array | null): Block {
  const levels = term.levels.length;
  const block =
    term.s === 1 ? createDiagonalBlock(levels) : createUniformBlockDiagonalBlock(term.s, levels);
  writeTermDiagonal(term, weights, block.values);
  return block;
}

/**
 * Overwrite `values` with Z_iᵀWZ_i: the level sums of w·z² (s = 1) or the s×s blocks one after
 * another (s > 1), each sum in data order.
 */
export function writeTermDiagonal(
  term: RandomEffectsMatrix,
  weights: Float64Array | null,
  v: Float64Array,
): void {
  const { s, refs, z } = term;
  v.fill(0);
  if (s === 1) {
    for (let t = 0; t < refs.length; t++) v[refs[t]] += weight(weights, t) * z[t] * z[t];
    return;
  }
  for (let t = 0; t < refs.length; t++) {
    const w = weight(weights, t);
    const base = refs[t] * s * s;
    for (let c = 0; c < s; c++) {
      const zc = w * z[t * s + c];
      for (let r = 0; r < s; r++) v[base + r + c * s] += z[t * s + r] * zc;
    }
  }
}

/**
 * Z_iᵀ Z_j for i > j: Diagonal when square and diagonal (scalar terms), sparse CSC when at most
 * 10% filled, else dense (MixedModels.jl's createAL and densify). The observations are grouped by
 * column level (a stable counting sort, so every sum still runs in data order) and each column's
 * co-occurring row levels are gathered with a marker array: linear in n plus the nonzeros.
 */
function termCrossProduct(
  rowTerm: RandomEffectsMatrix,
  colTerm: RandomEffectsMatrix,
  weights: Float64Array | null,
): Block {
  const rowLevels = rowTerm.levels.length;
  const colLevels = colTerm.levels.length;
  const si = rowTerm.s;
  const sj = colTerm.s;
  const rows = rowLevels * si;
  const cols = colLevels * sj;
  const n = rowTerm.refs.length;
  const byColumn = observationsByLevel(colTerm.refs, colLevels);
  const { start, order } = byColumn;
  // Level pairs: for each column level, the row levels it occurs with (ascending).
  const pairPtr = new Int32Array(colLevels + 1);
  const pairRows = new Int32Array(Math.min(n, rowLevels * colLevels));
  const slot = new Int32Array(rowLevels).fill(-1);
  const blockSize = si * sj;
  // sums[p·si·sj + r + c·si]: the si×sj block of level pair p.
  const sums = new Float64Array(pairRows.length * blockSize);
  let pairs = 0;
  for (let level = 0; level < colLevels; level++) {
    const first = pairs;
    for (let k = start[level]; k < start[level + 1]; k++) {
      const row = rowTerm.refs[order[k]];
      if (slot[row] < 0) {
        slot[row] = pairs;
        pairRows[pairs++] = row;
      }
    }
    pairRows.subarray(first, pairs).sort();
    for (let p = first; p < pairs; p++) slot[pairRows[p]] = p;
    pairPtr[level + 1] = pairs;
    for (let k = start[level]; k < start[level + 1]; k++) {
      const t = order[k];
      const base = slot[rowTerm.refs[t]] * blockSize;
      const w = weight(weights, t);
      for (let c = 0; c < sj; c++) {
        const zc = w * colTerm.z[t * sj + c];
        for (let r = 0; r < si; r++) sums[base + r + c * si] += rowTerm.z[t * si + r] * zc;
      }
    }
    for (let p = pairPtr[level]; p < pairPtr[level + 1]; p++) slot[pairRows[p]] = -1;
  }
  const scalar = si === 1 && sj === 1;
  if (scalar && rows === cols && pairs === cols) {
    let diagonal = true;
    for (let level = 0; level < colLevels && diagonal; level++) {
      diagonal = pairPtr[level + 1] - pairPtr[level] === 1 && pairRows[pairPtr[level]] === level;
    }
    if (diagonal) {
      const block = createDiagonalBlock(rows);
      block.values.set(sums.subarray(0, pairs));
      return block;
    }
  }
  const nonzeros = pairs * blockSize;
  if (nonzeros <= SPARSE_DENSITY_THRESHOLD * rows * cols) {
    // A vector-valued term gives whole s_i×s_j blocks per co-occurring pair of levels, the
    // layout the sparse kernels for vector-valued terms expect.
    const colPtr = new Int32Array(cols + 1);
    const rowIdx = new Int32Array(nonzeros);
    const values = new Float64Array(nonzeros);
    let position = 0;
    for (let level = 0; level < colLevels; level++) {
      for (let c = 0; c < sj; c++) {
        for (let p = pairPtr[level]; p < pairPtr[level + 1]; p++) {
          for (let r = 0; r < si; r++) {
            rowIdx[position] = pairRows[p] * si + r;
            values[position++] = sums[p * blockSize + r + c * si];
          }
        }
        colPtr[level * sj + c + 1] = position;
      }
    }
    return createSparseCscBlock(rows, cols, colPtr, rowIdx, values);
  }
  const block = createDenseBlock(rows, cols);
  for (let level = 0; level < colLevels; level++) {
    for (let p = pairPtr[level]; p < pairPtr[level + 1]; p++) {
      for (let c = 0; c < sj; c++) {
        for (let r = 0; r < si; r++) {
          block.values[(level * sj + c) * rows + pairRows[p] * si + r] =
            sums[p * blockSize + r + c * si];
        }
      }
    }
  }
  return block;
}

/** Observations grouped by level, in data order within each level (a counting sort). */
function observationsByLevel(
  refs: Int32Array | ArrayLike<number>,
  levels: number,
): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(levels + 1);
  for (let t = 0; t < refs.length; t++) start[refs[t] + 1]++;
  for (let level = 0; level < levels; level++) start[level + 1] += start[level];
  const next = start.slice(0, levels);
  const order = new Int32Array(refs.length);
  for (let t = 0; t < refs.length; t++) order[next[refs[t]]++] = t;
  return { start, order };
}

/**
 * [X y]ᵀ Z_j, dense (p+1)×q_j; one pass per column of [X y] (contiguous reads), each sum in
 * data order.
 */
function fixedTermProduct(
  fixed: FixedColumns,
  term: RandomEffectsMatrix,
  weights: Float64Array | null,
): DenseBlock {
  const block = createDenseBlock(fixed.p + 1, term.levels.length * term.s);
  writeFixedTermProduct(fixed, term, weights, block, new Float64Array(fixed.n * term.s));
  return block;
}

/** Overwrite `target` with [X y]ᵀWZ_j; `scratch` holds at least n·s numbers. */
export function writeFixedTermProduct(
  fixed: FixedColumns,
  term: RandomEffectsMatrix,
  weights: Float64Array | null,
  target: DenseBlock,
  scratch: Float64Array,
): void {
  const { n, p, x: xData, y } = fixed;
  const m = p + 1;
  const { s, refs, z } = term;
  const v = target.values;
  const classes = fixed.classes ?? null;
  // X's rows from its classes when that is exact (then only y's row is summed here).
  const fromClasses =
    weights === null &&
    classes !== null &&
    writeFixedTermProductFromClasses(xData, n, p, classes, term, target);
  if (fromClasses) {
    for (let column = 0; column < target.cols; column++) v[column * m + p] = 0;
  } else {
    v.fill(0);
  }
  const weighted = scratch;
  for (let t = 0; t < n; t++) {
    const w = weight(weights, t);
    for (let c = 0; c < s; c++) weighted[t * s + c] = w * z[t * s + c];
  }
  for (let r = fromClasses ? p : 0; r < m; r++) {
    const source = r < p ? xData : y;
    const column = r < p ? r * n : 0;
    for (let t = 0; t < n; t++) {
      const x = source[column + t];
      if (x === 0) continue;
      const target = refs[t] * s * m + r;
      for (let c = 0; c < s; c++) v[target + c * m] += x * weighted[t * s + c];
    }
  }
}

/**
 * Overwrite `target` ((p+1)×(p+1), both triangles) with [X y]ᵀW[X y]: XᵀX without weights from
 * X's classes of equal rows when X is integer-valued (exact, see `writeIntegerGram`), else by one
 * gemm (the fast kernels); every other entry a sum over observations in data order.
 */
export function writeFixedGram(
  fixed: FixedColumns,
  weights: Float64Array | null,
  target: DenseBlock,
): void {
  const { n, p, x, y } = fixed;
  const m = p + 1;
  const v = target.values;
  const column = (r: number) => (r < p ? x.subarray(r * n, r * n + n) : y);
  if (weights === null && !writeIntegerGram(x, n, p, v, m, fixed.classes ?? null)) {
    gemm(true, false, p, p, n, 1, x, 0, n, x, 0, n, 0, v, 0, m);
    for (let c = 0; c < p; c++) {
      for (let r = c + 1; r < p; r++) v[c + r * m] = v[r + c * m];
    }
  }
  // Xᵀy from X's classes when that gives the per-row sums exactly (see the function).
  const xty = new Float64Array(p);
  const classes = fixed.classes ?? null;
  const fromClasses =
    weights === null &&
    classes !== null &&
    fixedResponseProductFromClasses(x, n, p, classes, y, xty);
  for (let c = 0; c < m; c++) {
    const b = column(c);
    if (fromClasses && c < p) {
      v[p + c * m] = xty[c];
      v[c + p * m] = xty[c];
      continue;
    }
    for (let r = weights === null ? Math.max(c, p) : c; r < m; r++) {
      const a = column(r);
      let sum = 0;
      if (weights === null) for (let t = 0; t < n; t++) sum += a[t] * b[t];
      else for (let t = 0; t < n; t++) sum += weights[t] * a[t] * b[t];
      v[r + c * m] = sum;
      v[c + r * m] = sum;
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
