/**
 * Inverts the m×m column-major matrix `a` in place by Gauss–Jordan elimination with partial
 * pivoting. `pivots` (length m) is workspace. Returns false, leaving `a` garbage, when a pivot is
 * zero or not finite relative to the matrix's largest entry (numerically singular).
 */
export function invertInPlace(a: Float64Array, m: number, pivots: Int32Array): boolean {
  let largest = 0;
  for (let i = 0; i < m * m; i++) largest = Math.max(largest, Math.abs(a[i]));
  if (!(largest > 0) || !Number.isFinite(largest)) return false;
  const tiny = largest * 1e-15;
  for (let k = 0; k < m; k++) {
    let pivotRow = k;
    let pivotSize = Math.abs(a[k + k * m]);
    for (let i = k + 1; i < m; i++) {
      const size = Math.abs(a[i + k * m]);
      if (size > pivotSize) {
        pivotSize = size;
        pivotRow = i;
      }
    }
    if (!(pivotSize > tiny)) return false;
    pivots[k] = pivotRow;
    if (pivotRow !== k) {
      for (let j = 0; j < m; j++) {
        const t = a[k + j * m];
        a[k + j * m] = a[pivotRow + j * m];
        a[pivotRow + j * m] = t;
      }
    }
    const inversePivot = 1 / a[k + k * m];
    a[k + k * m] = 1;
    for (let j = 0; j < m; j++) a[k + j * m] *= inversePivot;
    for (let i = 0; i < m; i++) {
      if (i === k) continue;
      const factor = a[i + k * m];
      if (factor === 0) continue;
      a[i + k * m] = 0;
      for (let j = 0; j < m; j++) a[i + j * m] -= factor * a[k + j * m];
    }
  }
  // Undo the row interchanges as column interchanges, in reverse order.
  for (let k = m - 1; k >= 0; k--) {
    const p = pivots[k];
    if (p === k) continue;
    for (let i = 0; i < m; i++) {
      const t = a[i + k * m];
      a[i + k * m] = a[i + p * m];
      a[i + p * m] = t;
    }
  }
  return true;
}
