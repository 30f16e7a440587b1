/**
 * Supernodes this narrow apply their update directly, entry by entry, instead of forming it with
 * syrk and scattering it: for rank ≤ 4 the update is memory-bound and one pass beats two.
 */
export const fusedRankLimit = 4;

/**
 * values[destination + rowIndex[indexOffset + i]] −= Σ_k L[i, k]·L[j, k] for i = j … below−1, with L
 * below×rank panel at `panel` with leading dimension `ld` (rank ≤ 4).
 */
export function subtractLowRankColumn(
  values: Float64Array,
  destination: number,
  rowIndex: Int32Array,
  indexOffset: number,
  j: number,
  below: number,
  rank: number,
  panel: number,
  ld: number,
): void {
  const l0 = values[panel + j];
  if (rank === 1) {
    for (let i = j; i < below; i++)
      values[destination + rowIndex[indexOffset + i]] -= values[panel + i] * l0;
    return;
  }
  const p1 = panel + ld;
  const l1 = values[p1 + j];
  if (rank === 2) {
    for (let i = j; i < below; i++) {
      values[destination + rowIndex[indexOffset + i]] -=
        values[panel + i] * l0 + values[p1 + i] * l1;
    }
    return;
  }
  const p2 = p1 + ld;
  const l2 = values[p2 + j];
  if (rank === 3) {
    for (let i = j; i < below; i++) {
      values[destination + rowIndex[indexOffset + i]] -=
        values[panel + i] * l0 + values[p1 + i] * l1 + values[p2 + i] * l2;
    }
    return;
  }
  const p3 = p2 + ld;
  const l3 = values[p3 + j];
  for (let i = j; i < below; i++) {
    values[destination + rowIndex[indexOffset + i]] -=
      values[panel + i] * l0 + values[p1 + i] * l1 + values[p2 + i] * l2 + values[p3 + i] * l3;
  }
}

/**
 * subtractLowRankColumn for the four update columns j … j+3 at once (rank ≤ 4), whose
 * destinations are `destination` plus 0, stride1, stride2, stride3: each row below j+3 is read
 * once for all four columns, which cuts the loads of this memory-bound update by more than half.
 */
export function subtractFourColumns(
  values: Float64Array,
  destination: number,
  stride1: number,
  stride2: number,
  stride3: number,
  rowIndex: Int32Array,
  indexOffset: number,
  j: number,
  below: number,
  rank: number,
  panel: number,
  ld: number,
): void {
  // The 4×4 triangle at the top goes column by column.
  subtractLowRankColumn(values, destination, rowIndex, indexOffset, j, j + 4, rank, panel, ld);
  subtractLowRankColumn(
    values,
    destination + stride1,
    rowIndex,
    indexOffset,
    j + 1,
    j + 4,
    rank,
    panel,
    ld,
  );
  subtractLowRankColumn(
    values,
    destination + stride2,
    rowIndex,
    indexOffset,
    j + 2,
    j + 4,
    rank,
    panel,
    ld,
  );
  subtractLowRankColumn(
    values,
    destination + stride3,
    rowIndex,
    indexOffset,
    j + 3,
    j + 4,
    rank,
    panel,
    ld,
  );
  const d0 = destination;
  const d1 = destination + stride1;
  const d2 = destination + stride2;
  const d3 = destination + stride3;
  const first = j + 4;
  const p0 = panel;
  const a0 = values[p0 + j];
  const a1 = values[p0 + j + 1];
  const a2 = values[p0 + j + 2];
  const a3 = values[p0 + j + 3];
  if (rank === 1) {
    for (let i = first; i < below; i++) {
      const r = rowIndex[indexOffset + i];
      const x = values[p0 + i];
      values[d0 + r] -= x * a0;
      values[d1 + r] -= x * a1;
      values[d2 + r] -= x * a2;
      values[d3 + r] -= x * a3;
    }
    return;
  }
  const p1 = p0 + ld;
  const b0 = values[p1 + j];
  const b1 = values[p1 + j + 1];
  const b2 = values[p1 + j + 2];
  const b3 = values[p1 + j + 3];
  if (rank === 2) {
    for (let i = first; i < below; i++) {
      const r = rowIndex[indexOffset + i];
      const x = values[p0 + i];
      const y = values[p1 + i];
      values[d0 + r] -= x * a0 + y * b0;
      values[d1 + r] -= x * a1 + y * b1;
      values[d2 + r] -= x * a2 + y * b2;
      values[d3 + r] -= x * a3 + y * b3;
    }
    return;
  }
  // Ranks 3 and 4 share one loop; a missing fourth column contributes zeros.
  const p2 = p1 + ld;
  const p3 = rank === 4 ? p2 + ld : p2;
  const c0 = values[p2 + j];
  const c1 = values[p2 + j + 1];
  const c2 = values[p2 + j + 2];
  const c3 = values[p2 + j + 3];
  const e0 = rank === 4 ? values[p3 + j] : 0;
  const e1 = rank === 4 ? values[p3 + j + 1] : 0;
  const e2 = rank === 4 ? values[p3 + j + 2] : 0;
  const e3 = rank === 4 ? values[p3 + j + 3] : 0;
  for (let i = first; i < below; i++) {
    const r = rowIndex[indexOffset + i];
    const x = values[p0 + i];
    const y = values[p1 + i];
    const z = values[p2 + i];
    const w = values[p3 + i];
    values[d0 + r] -= x * a0 + y * b0 + z * c0 + w * e0;
    values[d1 + r] -= x * a1 + y * b1 + z * c1 + w * e1;
    values[d2 + r] -= x * a2 + y * b2 + z * c2 + w * e2;
    values[d3 + r] -= x * a3 + y * b3 + z * c3 + w * e3;
  }
}

/**
 * Subtracts columns j … j+3 of the below×below update matrix (lower triangle, leading dimension
 * `below`) from their four destinations (`destination` plus 0, stride1, stride2, stride3), reading
 * each row position once for all four.
 */
export function scatterFourColumns(
  values: Float64Array,
  destination: number,
  stride1: number,
  stride2: number,
  stride3: number,
  relative: Int32Array,
  j: number,
  below: number,
  update: Float64Array,
): void {
  const d0 = destination;
  const d1 = destination + stride1;
  const d2 = destination + stride2;
  const d3 = destination + stride3;
  const u0 = j * below;
  const u1 = u0 + below;
  const u2 = u1 + below;
  const u3 = u2 + below;
  // The 4×4 triangle at the top goes column by column.
  for (let i = j; i < j + 4; i++) values[d0 + relative[i]] -= update[u0 + i];
  for (let i = j + 1; i < j + 4; i++) values[d1 + relative[i]] -= update[u1 + i];
  for (let i = j + 2; i < j + 4; i++) values[d2 + relative[i]] -= update[u2 + i];
  values[d3 + relative[j + 3]] -= update[u3 + j + 3];
  for (let i = j + 4; i < below; i++) {
    const r = relative[i];
    values[d0 + r] -= update[u0 + i];
    values[d1 + r] -= update[u1 + i];
    values[d2 + r] -= update[u2 + i];
    values[d3 + r] -= update[u3 + i];
  }
}
