/**
 * Householder QR with column pivoting, following LAPACK dgeqp3/dlaqp2: at step j the remaining
 * column with the largest partial norm moves to position j (ties go to the lowest original
 * column index, so the result is deterministic), then a Householder reflector zeroes it below
 * the diagonal. Partial norms are downdated and recomputed when cancellation makes them unreliable.
 */

const recomputeThreshold = Math.sqrt(Number.EPSILON);

/**
 * Factors A·P = Q·R in place for the m×n column-major matrix A at `offsetA` with leading
 * dimension `lda`.
 *
 * On return the upper triangle (min(m,n)×n trapezoid) holds R, the part below the diagonal holds
 * the Householder vectors v_j (with implicit v_j[j] = 1), `pivot[j]` is the original index of the
 * column now at position j, and `tau[j]` (j < min(m,n)) the reflector scalars, so that
 * H_j = I − tau_j·v_j·v_jᵀ and Q = H_0·H_1·…. Diagonal entries of R may be negative.
 *
 * `pivot` needs length ≥ n, `tau` length ≥ min(m, n). `workspace` (optional, length ≥ 2n) avoids
 * an allocation per call; its contents on entry do not matter.
 */
export function pivotedQr(
  m: number,
  n: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  pivot: Int32Array,
  tau: Float64Array,
  workspace?: Float64Array,
): void {
  const steps = Math.min(m, n);
  const norms = workspace ?? new Float64Array(2 * n);
  // norms[k]: current partial norm of column k; norms[n + k]: the norm when last computed exactly.
  for (let k = 0; k < n; k++) {
    pivot[k] = k;
    const norm = columnNorm(a, offsetA + k * lda, m);
    norms[k] = norm;
    norms[n + k] = norm;
  }
  for (let j = 0; j < steps; j++) {
    let best = j;
    for (let k = j + 1; k < n; k++) {
      if (norms[k] > norms[best] || (norms[k] === norms[best] && pivot[k] < pivot[best])) best = k;
    }
    if (best !== j) {
      swapColumns(a, offsetA + j * lda, offsetA + best * lda, m);
      const original = pivot[best];
      pivot[best] = pivot[j];
      pivot[j] = original;
      norms[best] = norms[j];
      norms[n + best] = norms[n + j];
    }
    const colJ = offsetA + j * lda;
    tau[j] = makeReflector(m - j, a, colJ + j);
    if (j + 1 < n && tau[j] !== 0) {
      applyReflectorLeft(m - j, n - j - 1, a, colJ + j, tau[j], a, colJ + lda + j, lda);
    }
    for (let k = j + 1; k < n; k++) {
      const norm = norms[k];
      if (norm === 0) continue;
      const ratio = Math.abs(a[offsetA + j + k * lda]) / norm;
      const remaining = Math.max(0, 1 - ratio * ratio);
      const drift = remaining * (norm / norms[n + k]) ** 2;
      if (drift <= recomputeThreshold) {
        const fresh = j + 1 < m ? columnNorm(a, offsetA + j + 1 + k * lda, m - j - 1) : 0;
        norms[k] = fresh;
        norms[n + k] = fresh;
      } else {
        norms[k] = norm * Math.sqrt(remaining);
      }
    }
  }
  // With m < n the columns after min(m,n) keep their pivot order; nothing more to do.
}

/**
 * Numerical rank from a pivoted QR: the number of j < n with |R_jj| > tolerance·|R_00|, where R
 * is the upper triangle left by {@link pivotedQr} and n should be min(rows, columns).
 * Returns 0 when n is 0 or R_00 is 0.
 */
export function qrRank(
  n: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  tolerance: number,
): number {
  if (n === 0) return 0;
  const threshold = tolerance * Math.abs(a[offsetA]);
  if (a[offsetA] === 0) return 0;
  let rank = 0;
  for (let j = 0; j < n; j++) if (Math.abs(a[offsetA + j * (lda + 1)]) > threshold) rank++;
  return rank;
}

/**
 * Applies Q or Qᵀ from {@link pivotedQr} to the m×nrhs matrix B in place (B ← Q·B or Qᵀ·B),
 * using the first `reflectors` Householder vectors stored below the diagonal of A (m×·, `lda`).
 */
export function qrApplyQ(
  transpose: boolean,
  m: number,
  reflectors: number,
  nrhs: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  tau: Float64Array,
  b: Float64Array,
  offsetB: number,
  ldb: number,
): void {
  for (let step = 0; step < reflectors; step++) {
    const j = transpose ? step : reflectors - 1 - step;
    if (tau[j] === 0) continue;
    applyReflectorLeft(m - j, nrhs, a, offsetA + j + j * lda, tau[j], b, offsetB + j, ldb);
  }
}

function columnNorm(a: Float64Array, start: number, length: number): number {
  // Scaled sum of squares, so huge or tiny columns neither overflow nor underflow.
  let scale = 0;
  let sum = 1;
  for (let i = 0; i < length; i++) {
    const value = a[start + i];
    if (value === 0) continue;
    const absolute = Math.abs(value);
    if (scale < absolute) {
      sum = 1 + sum * (scale / absolute) ** 2;
      scale = absolute;
    } else {
      sum += (absolute / scale) ** 2;
    }
  }
  return scale * Math.sqrt(sum);
}

function swapColumns(a: Float64Array, first: number, second: number, length: number): void {
  for (let i = 0; i < length; i++) {
    const value = a[first + i];
    a[first + i] = a[second + i];
    a[second + i] = value;
  }
}

/**
 * Turns x = a[start .. start+length) into (beta, v) with H·x = beta·e_1, H = I − tau·v·vᵀ,
 * v_0 = 1 implicit; stores beta at x_0 and v_1.. below it; returns tau (0 when x is already
 * a multiple of e_1).
 */
function makeReflector(length: number, a: Float64Array, start: number): number {
  if (length <= 1) return 0;
  const alpha = a[start];
  const tailNorm = columnNorm(a, start + 1, length - 1);
  if (tailNorm === 0) return 0;
  const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, tailNorm);
  const tau = (beta - alpha) / beta;
  const scale = 1 / (alpha - beta);
  for (let i = 1; i < length; i++) a[start + i] *= scale;
  a[start] = beta;
  return tau;
}

/** C ← (I − tau·v·vᵀ)·C for the rows×cols block C, with v at `vStart` (v_0 = 1 implicit). */
function applyReflectorLeft(
  rows: number,
  cols: number,
  v: Float64Array,
  vStart: number,
  tau: number,
  c: Float64Array,
  cStart: number,
  ldc: number,
): void {
  for (let k = 0; k < cols; k++) {
    const col = cStart + k * ldc;
    let dot = c[col];
    for (let i = 1; i < rows; i++) dot += v[vStart + i] * c[col + i];
    const scaled = tau * dot;
    if (scaled === 0) continue;
    c[col] -= scaled;
    for (let i = 1; i < rows; i++) c[col + i] -= v[vStart + i] * scaled;
  }
}
