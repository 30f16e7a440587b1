import type { FixedEffectsMatrix, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

/** A column of X stored by its nonzero rows (X's indicator columns are mostly 0). */
interface SparseColumn {
  readonly rows: Int32Array;
  readonly values: Float64Array;
}

/**
 * The fixed part of the linear predictor, offset + Xβ, recomputed only when β has changed since
 * the last time (β stays fixed through a PIRLS run of the default fit, changes at every step of
 * stage 1's).
 */
export class FixedPart {
  /** offset + Xβ at the β of the last `at`. */
  readonly values: Float64Array;
  private readonly beta: Float64Array;
  private valid = false;
  /**
   * Per column, its nonzero rows when fewer than half are nonzero, else null (read densely). A
   * skipped row would add x·β = ±0, which leaves a sum's bits as they are unless the sum is −0:
   * that needs a −0 to start from (sums of nonzero terms round to +0), so there are no sparse
   * columns when the offset holds a −0.
   */
  private readonly sparse: (SparseColumn | null)[];

  constructor(
    private readonly X: FixedEffectsMatrix,
    private readonly offset: Float64Array | null,
  ) {
    this.values = new Float64Array(X.n);
    this.beta = new Float64Array(X.p);
    const signedZero = offset?.some((value) => Object.is(value, -0)) ?? false;
    this.sparse = Array.from({ length: X.p }, (_, c) =>
      signedZero ? null : sparseColumn(X.data.subarray(c * X.n, (c + 1) * X.n)),
    );
  }

  /** offset + Xβ (the array `values`). */
  at(beta: Float64Array): Float64Array {
    const { X, values } = this;
    const p = this.beta.length;
    if (this.valid) {
      let same = true;
      for (let c = 0; c < p && same; c++) same = beta[c] === this.beta[c];
      if (same) return values;
    }
    const n = values.length;
    if (this.offset === null) values.fill(0);
    else values.set(this.offset);
    for (let c = 0; c < p; c++) {
      const bc = beta[c];
      if (bc === 0) continue;
      const column = this.sparse[c];
      if (column !== null) {
        const { rows, values: x } = column;
        for (let k = 0; k < rows.length; k++) values[rows[k]] += x[k] * bc;
        continue;
      }
      for (let t = 0; t < n; t++) values[t] += X.data[t + c * n] * bc;
    }
    this.beta.set(beta);
    this.valid = true;
    return values;
  }
}

function sparseColumn(column: Float64Array): SparseColumn | null {
  let nonzero = 0;
  for (const value of column) if (value !== 0) nonzero++;
  if (2 * nonzero >= column.length) return null;
  const rows = new Int32Array(nonzero);
  const values = new Float64Array(nonzero);
  let k = 0;
  for (let t = 0; t < column.length; t++) {
    if (column[t] === 0) continue;
    rows[k] = t;
    values[k++] = column[t];
  }
  return { rows, values };
}

/**
 * η += Zb: for each random-effects term j (b's block from `offsets[j]`, s values per level),
 * observation t adds Σ_r z[t, r]·b[level(t), r].
 */
export function addRandomEffects(
  eta: Float64Array,
  terms: readonly RandomEffectsMatrix[],
  offsets: ArrayLike<number>,
  b: Float64Array,
): void {
  const n = eta.length;
  for (let j = 0; j < terms.length; j++) {
    const { s, refs, z } = terms[j];
    const start = offsets[j];
    if (s === 1) {
      for (let t = 0; t < n; t++) eta[t] += z[t] * b[start + refs[t]];
      continue;
    }
    for (let t = 0; t < n; t++) {
      const base = start + refs[t] * s;
      let sum = 0;
      for (let r = 0; r < s; r++) sum += z[t * s + r] * b[base + r];
      eta[t] += sum;
    }
  }
}
