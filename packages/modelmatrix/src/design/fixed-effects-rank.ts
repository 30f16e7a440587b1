import { pivotedQr } from "@mixedmodels/linalg";
import { distinctRowsWeighted } from "./distinct-rows";

/** Relative tolerance of the rank decision: a pivot |R_jj| ≤ 1e-8·|R_11| counts as zero. */
export const rankTolerance = 1e-8;

/**
 * Which columns of the n×p column-major matrix X to keep so that they are linearly independent,
 * as MixedModels.jl's `statsrank` (method.md §1.9), made deterministic.
 *
 * A column-pivoted Householder QR (largest remaining norm first, ties to the lower index) gives
 * the rank: the number of |R_jj| > 1e-8·|R_11|. The first `rank` pivoted columns are kept,
 * returned in their original order. When column 0 is the intercept and the pivoting passed over
 * it, it is scaled up (its span is unchanged) and the QR redone, so the intercept is always kept
 * and a dependent non-intercept column is dropped instead.
 *
 * The QR runs on the distinct rows of X in a canonical order, weighted by √multiplicity (same XᵀX, hence
 * the same R and pivots): fast for categorical designs, and independent of the row order.
 *
 * @returns indices of the kept columns, increasing
 */
export function independentColumns(
  design: Float64Array,
  rowCount: number,
  p: number,
  hasIntercept: boolean,
): Int32Array {
  if (p === 0) return new Int32Array(0);
  const { matrix: x, rows: n } = distinctRowsWeighted(design, rowCount, p);
  const steps = Math.min(n, p);
  const pivot = new Int32Array(p);
  const tau = new Float64Array(steps);
  const work = x.slice(0, n * p);
  pivotedQr(n, p, work, 0, n, pivot, tau);
  const threshold = rankTolerance * Math.abs(work[0]);
  let rank = countAbove(work, n, steps, threshold, 0);
  if (rank === p) return identity(p);
  if (hasIntercept && !pivot.subarray(0, rank).includes(0)) {
    work.set(x.subarray(0, n * p));
    const inflate = (2 * maxColumnNorm(x, n, p)) / Math.sqrt(n) + 1;
    for (let t = 0; t < n; t++) work[t] *= inflate;
    pivotedQr(n, p, work, 0, n, pivot, tau);
    rank = 1 + countAbove(work, n, steps, threshold, 1);
  }
  return pivot.slice(0, rank).sort();
}

function countAbove(
  r: Float64Array,
  n: number,
  steps: number,
  threshold: number,
  from: number,
): number {
  if (r[0] === 0) return 0;
  let count = 0;
  for (let j = from; j < steps; j++) if (Math.abs(r[j * (n + 1)]) > threshold) count++;
  return count;
}

function maxColumnNorm(x: Float64Array, n: number, p: number): number {
  let best = 0;
  for (let j = 0; j < p; j++) {
    let sum = 0;
    for (let t = 0; t < n; t++) sum += x[j * n + t] * x[j * n + t];
    best = Math.max(best, Math.sqrt(sum));
  }
  return best;
}

function identity(p: number): Int32Array {
  const kept = new Int32Array(p);
  for (let j = 0; j < p; j++) kept[j] = j;
  return kept;
}
