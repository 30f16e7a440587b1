/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. Jacobi is slower
 * than tridiagonal QL for large n but simple, accurate for small eigenvalues, and returns
 * orthogonal vectors to working precision; the intended sizes (Gauss–Hermite rules, covariance
 * factors) are n ≤ ~50.
 */

const maxSweeps = 60;
/** Off-diagonal sum of squares, relative to the diagonal's, below which A counts as diagonal. */
const convergedRatio = (Number.EPSILON * 1e-2) ** 2;

/**
 * Computes A = V·diag(values)·Vᵀ for the symmetric n×n matrix A (column-major at `offsetA`,
 * leading dimension `lda`; only the lower triangle is read and A is not modified).
 *
 * `values` (length ≥ n) receives the eigenvalues in ascending order. If `vectors` is given
 * (length ≥ n², contiguous column-major n×n), column j receives the unit eigenvector for
 * values[j], signed so that its largest-magnitude entry is positive. Allocates an n×n work
 * matrix per call. Throws a RangeError naming the entry if A has a non-finite entry, or if the
 * rotations have not converged after 60 sweeps.
 */
export function symmetricEigen(
  n: number,
  a: Float64Array,
  offsetA: number,
  lda: number,
  values: Float64Array,
  vectors: Float64Array | null,
): void {
  const work = new Float64Array(n * n);
  const basis = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    basis[j * (n + 1)] = 1;
    for (let i = j; i < n; i++) {
      const value = a[offsetA + i + j * lda];
      if (!Number.isFinite(value)) {
        throw new RangeError(`symmetricEigen: entry (${i}, ${j}) is not finite (${value})`);
      }
      work[i + j * n] = value;
      work[j + i * n] = value;
    }
  }
  let converged = false;
  for (let sweep = 0; sweep < maxSweeps && !converged; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let j = 0; j < n; j++) {
      diagonal += work[j * (n + 1)] ** 2;
      for (let i = j + 1; i < n; i++) offDiagonal += work[i + j * n] ** 2;
    }
    if (offDiagonal === 0 || offDiagonal <= convergedRatio * diagonal) {
      converged = true;
      break;
    }
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(n, work, basis, p, q);
    }
  }
  if (!converged && n > 0) {
    throw new RangeError(`symmetricEigen: Jacobi rotations did not converge for n = ${n}`);
  }
  sortAndStore(n, work, basis, values, vectors);
}

/** One Jacobi rotation in the (p, q) plane that zeroes work[p, q]; accumulates it in basis. */
function rotate(n: number, work: Float64Array, basis: Float64Array, p: number, q: number): void {
  const apq = work[p + q * n];
  if (apq === 0) return;
  const app = work[p * (n + 1)];
  const aqq = work[q * (n + 1)];
  // Rotations below rounding level of both diagonal entries change nothing; skip them.
  if (Math.abs(apq) < Number.EPSILON * 1e-3 * (Math.abs(app) + Math.abs(aqq))) {
    work[p + q * n] = 0;
    work[q + p * n] = 0;
    return;
  }
  const theta = (aqq - app) / (2 * apq);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    if (k === p || k === q) continue;
    const akp = work[k + p * n];
    const akq = work[k + q * n];
    const newP = c * akp - s * akq;
    const newQ = s * akp + c * akq;
    work[k + p * n] = newP;
    work[p + k * n] = newP;
    work[k + q * n] = newQ;
    work[q + k * n] = newQ;
  }
  work[p * (n + 1)] = app - t * apq;
  work[q * (n + 1)] = aqq + t * apq;
  work[p + q * n] = 0;
  work[q + p * n] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = basis[k + p * n];
    const vkq = basis[k + q * n];
    basis[k + p * n] = c * vkp - s * vkq;
    basis[k + q * n] = s * vkp + c * vkq;
  }
}

function sortAndStore(
  n: number,
  work: Float64Array,
  basis: Float64Array,
  values: Float64Array,
  vectors: Float64Array | null,
): void {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((x, y) => work[x * (n + 1)] - work[y * (n + 1)] || x - y);
  for (let j = 0; j < n; j++) {
    const source = order[j];
    values[j] = work[source * (n + 1)];
    if (vectors === null) continue;
    let largest = 0;
    for (let i = 1; i < n; i++) {
      if (Math.abs(basis[i + source * n]) > Math.abs(basis[largest + source * n])) largest = i;
    }
    const sign = basis[largest + source * n] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i + j * n] = sign * basis[i + source * n];
  }
}
