import { centredAboutIntercept, centredCopy, interceptCentring } from "./centred-design";
import { distinctRowsWeighted } from "./distinct-rows";
import { type EqualRows, equalRows, gatherRows } from "./equal-rows";

/**
 * Relative tolerance of the rank decision: column j is dependent when the part of it outside the
 * span of the kept earlier columns has norm ≤ 1e-7·‖x_j‖ (the tolerance of R's `qr()`, which lme4
 * uses to drop columns), with x_j centred about its mean when X has an intercept.
 */
export const rankTolerance = 1e-7;

/**
 * Which columns of the n×p column-major matrix X to keep so that they are linearly independent,
 * choosing as lme4 does: columns are taken in their original order and a column is dropped when
 * it lies (within `rankTolerance`) in the span of the columns kept before it — R's `qr()` with
 * limited pivoting. So the intercept (column 0) is always kept, the kept columns stay in their
 * original order, and of two collinear columns the later one is dropped, whatever their scales
 * (a norm-pivoted QR, as MixedModels.jl uses, would drop the column with the smaller norm).
 *
 * Householder reflections run on the distinct rows of X in a canonical order, weighted by
 * √multiplicity (same XᵀX, so the same decision): fast for categorical designs, and independent
 * of the row order.
 *
 * @returns indices of the kept columns, increasing
 */
export function independentColumns(design: Float64Array, rowCount: number, p: number): Int32Array {
  return independentColumnsAndClasses(design, rowCount, p).kept;
}

/** The most classes of equal rows the rank decision works with (more: it works on all rows). */
export function equalRowsLimit(rowCount: number): number {
  return Math.max(64, rowCount >> 3);
}

/**
 * `independentColumns`, with X's classes of equal rows when it found them (see `equalRows`).
 * `known`: a partition of X's rows into equal rows (at most `equalRowsLimit` classes) when the
 * caller has one; then it is used instead of looking for one.
 */
export function independentColumnsAndClasses(
  design: Float64Array,
  rowCount: number,
  p: number,
  known: EqualRows | null = null,
): { kept: Int32Array; classes: EqualRows | null } {
  if (p === 0) return { kept: new Int32Array(0), classes: null };
  const { matrix, rows: n, classes } = weightedDistinctCentredRows(design, rowCount, p, known);
  const work = matrix.slice(0, n * p);
  // Column k of `reflectors` holds the Householder vector of the k-th kept column (rows k..n-1).
  const reflectors = new Float64Array(n * Math.min(n, p));
  const kept: number[] = [];
  for (let j = 0; j < p; j++) {
    const column = j * n;
    const originalNorm = norm(work, column, 0, n);
    for (let k = 0; k < kept.length; k++) applyReflector(reflectors, k * n, k, n, work, column);
    const rank = kept.length;
    const residualNorm = rank < n ? norm(work, column, rank, n) : 0;
    if (originalNorm === 0 || residualNorm <= rankTolerance * originalNorm) continue;
    makeReflector(work, column, rank, n, residualNorm, reflectors, rank * n);
    kept.push(j);
  }
  return { kept: Int32Array.from(kept), classes };
}

/**
 * `distinctRowsWeighted` of X centred about the intercept (the decision then does not depend on
 * a column's origin). With few distinct rows, X's classes of equal rows are found first and only
 * their first rows are centred and compared, weighted by the class sizes: the same matrix, bit
 * for bit, as from centring all rows (the means are still summed over all rows in order; rows
 * equal before centring are equal after it, and classes that centring makes equal are merged).
 * `known`: classes of equal rows the caller has (any partition into equal rows gives the same
 * matrix, since equal rows are merged again).
 */
export function weightedDistinctCentredRows(
  design: Float64Array,
  rowCount: number,
  p: number,
  known: EqualRows | null = null,
): { matrix: Float64Array; rows: number; classes: EqualRows | null } {
  const limit = equalRowsLimit(rowCount);
  const classes =
    known !== null && known.representatives.length <= limit
      ? known
      : equalRows(design, rowCount, p, limit);
  if (classes === null) {
    const centred = centredAboutIntercept(design, rowCount, p) ?? design;
    return { ...distinctRowsWeighted(centred, rowCount, p), classes };
  }
  const { representatives, counts } = classes;
  const m = representatives.length;
  const rows = gatherRows(design, rowCount, p, representatives);
  const centring = interceptCentring(design, rowCount, p, representatives);
  const centred = centring === null ? rows : centredCopy(rows, m, p, centring);
  return { ...distinctRowsWeighted(centred, m, p, counts), classes };
}

function norm(x: Float64Array, offset: number, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(x[offset + i]));
  if (scale === 0) return 0;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const value = x[offset + i] / scale;
    sum += value * value;
  }
  return scale * Math.sqrt(sum);
}

/** The unit vector v (rows from..n-1) with (I − 2vvᵀ)·x = ∓‖x‖e_from. */
function makeReflector(
  x: Float64Array,
  offset: number,
  from: number,
  n: number,
  xNorm: number,
  out: Float64Array,
  outOffset: number,
): void {
  const head = x[offset + from];
  // The sign avoids cancellation in head + sign·‖x‖.
  const alpha = head >= 0 ? xNorm : -xNorm;
  out[outOffset + from] = head + alpha;
  for (let i = from + 1; i < n; i++) out[outOffset + i] = x[offset + i];
  const vNorm = norm(out, outOffset, from, n);
  for (let i = from; i < n; i++) out[outOffset + i] /= vNorm;
}

function applyReflector(
  v: Float64Array,
  vOffset: number,
  from: number,
  n: number,
  x: Float64Array,
  offset: number,
): void {
  let dot = 0;
  for (let i = from; i < n; i++) dot += v[vOffset + i] * x[offset + i];
  dot *= 2;
  for (let i = from; i < n; i++) x[offset + i] -= dot * v[vOffset + i];
}
