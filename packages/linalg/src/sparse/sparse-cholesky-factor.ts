import { DimensionMismatchError } from "@mixedmodels/core";
import { potrf } from "../dense/potrf";
import { syrk } from "../dense/syrk";
import { trsm } from "../dense/trsm";
import type { SparseCholeskySymbolic } from "./analyze-sparse-cholesky";

/**
 * Numeric storage for P·A·Pᵀ = L·Lᵀ: the supernodal values of L plus all workspaces, allocated
 * once by {@link createSparseCholeskyFactor} and reused by every {@link factorSparseCholesky}.
 */
export interface SparseCholeskyFactor {
  readonly symbolic: SparseCholeskySymbolic;
  /** Supernode blocks of L (see SparseCholeskySymbolic); meaningful after a successful factor. */
  readonly values: Float64Array;
  /** Scratch for one supernode's update matrix. */
  readonly update: Float64Array;
  /** Row positions inside the supernode currently being updated. */
  readonly position: Int32Array;
  /** Those positions for the rows of the update matrix. */
  readonly relative: Int32Array;
  /** Narrow supernodes whose updates to a large root wait until that root is next (see below). */
  readonly deferredSource: Int32Array;
  readonly deferredTarget: Int32Array;
  readonly deferredCursor: Int32Array;
  /** Updates into the last (root) supernode that are dense enough to apply as one syrk. */
  readonly batch: DenseRootBatch;
  /** Length-n vector workspace for the solves. */
  readonly work: Float64Array;
  /** −1 after a successful factorization; else the failing original index, or −2 if never run. */
  status: number;
}

/**
 * Supernodes whose update into the final root supernode covers most of the root rows it spans
 * (and, if wider than four columns, lies entirely in the root). Their root parts are copied into
 * one dense panel `panel` (rows: root rows from `firstRow` on; one column per source column) and
 * subtracted with a single syrk just before the root is factored, instead of entry by entry.
 */
export interface DenseRootBatch {
  /** The root supernode, or −1 when there is no batch. */
  readonly root: number;
  /** For each supernode: index of its first update row in the root, or −1 if not in the batch. */
  readonly tailStart: Int32Array;
  /** For each supernode in the batch: its first column in `panel`. */
  readonly panelColumn: Int32Array;
  /** First root row (relative to the root's first column) the panel covers. */
  readonly firstRow: number;
  readonly rows: number;
  readonly columns: number;
  readonly panel: Float64Array;
}

/** A tail at least this fraction of the root rows it spans goes into the dense batch. */
const batchDensity = 0.5;

function planDenseRootBatch(symbolic: SparseCholeskySymbolic): DenseRootBatch {
  const { supernodeCount, supernodeStart, supernodeRowPtr, supernodeRows } = symbolic;
  const tailStart = new Int32Array(supernodeCount).fill(-1);
  const panelColumn = new Int32Array(supernodeCount).fill(-1);
  const root = supernodeCount - 1;
  const none = {
    root: -1,
    tailStart,
    panelColumn,
    firstRow: 0,
    rows: 0,
    columns: 0,
    panel: new Float64Array(0),
  };
  if (root < 0) return none;
  const rootStart = supernodeStart[root];
  const width = supernodeStart[root + 1] - rootStart;
  if (width < deferredRootMinimum || supernodeRowPtr[root + 1] - supernodeRowPtr[root] !== width)
    return none;
  let firstRow = width;
  let columns = 0;
  for (let s = 0; s < root; s++) {
    const sourceColumns = supernodeStart[s + 1] - supernodeStart[s];
    const belowStart = supernodeRowPtr[s] + sourceColumns;
    const below = supernodeRowPtr[s + 1] - belowStart;
    let start = below;
    while (start > 0 && supernodeRows[belowStart + start - 1] >= rootStart) start--;
    const tail = below - start;
    if (tail === 0 || (sourceColumns > fusedRankLimit && start > 0)) continue;
    const first = supernodeRows[belowStart + start] - rootStart;
    if (tail < batchDensity * (width - first)) continue;
    tailStart[s] = start;
    panelColumn[s] = columns;
    columns += sourceColumns;
    firstRow = Math.min(firstRow, first);
  }
  if (columns === 0) return none;
  const rows = width - firstRow;
  return {
    root,
    tailStart,
    panelColumn,
    firstRow,
    rows,
    columns,
    panel: new Float64Array(rows * columns),
  };
}

/** Subtracts the batched updates from the root: one lower-triangular syrk of the dense panel. */
function applyDenseRootBatch(factor: SparseCholeskyFactor): void {
  const batch = factor.batch;
  const { supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr } = factor.symbolic;
  const out = factor.values;
  const panel = batch.panel;
  const rootStart = supernodeStart[batch.root];
  const width = supernodeStart[batch.root + 1] - rootStart;
  const rowBase = rootStart + batch.firstRow;
  panel.fill(0);
  for (let s = 0; s < batch.root; s++) {
    const start = batch.tailStart[s];
    if (start < 0) continue;
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const height = supernodeRowPtr[s + 1] - supernodeRowPtr[s];
    const belowStart = supernodeRowPtr[s] + columns;
    const below = height - columns;
    for (let k = 0; k < columns; k++) {
      const source = supernodeValuePtr[s] + columns + k * height;
      const target = (batch.panelColumn[s] + k) * batch.rows - rowBase;
      for (let i = start; i < below; i++)
        panel[target + supernodeRows[belowStart + i]] = out[source + i];
    }
  }
  const corner = supernodeValuePtr[batch.root] + batch.firstRow * (width + 1);
  syrk(batch.rows, batch.columns, -1, panel, 0, batch.rows, 1, out, corner, width);
}

/** Allocates the factor storage and workspaces for a symbolic analysis. */
export function createSparseCholeskyFactor(symbolic: SparseCholeskySymbolic): SparseCholeskyFactor {
  return {
    symbolic,
    values: new Float64Array(symbolic.storedEntries),
    update: new Float64Array(symbolic.updateEntries),
    position: new Int32Array(symbolic.n),
    relative: new Int32Array(symbolic.n),
    deferredSource: new Int32Array(symbolic.supernodeCount),
    deferredTarget: new Int32Array(symbolic.supernodeCount),
    deferredCursor: new Int32Array(symbolic.supernodeCount),
    batch: planDenseRootBatch(symbolic),
    work: new Float64Array(symbolic.n),
    status: -2,
  };
}

/**
 * Supernodal right-looking numeric factorization of A into the factor's preallocated storage;
 * allocates nothing. `values` are the entries of the lower triangle of A in the order of the
 * rowIdx the symbolic analysis was built from. A is scattered into the supernode blocks; then for
 * each supernode in turn its block, complete by now, is factored in place with the dense kernels
 * (potrf on the diagonal block, trsm below it), and its update matrix L21·L21ᵀ (syrk into scratch)
 * is subtracted from the blocks of the later supernodes it touches.
 *
 * Returns −1 on success, else the ORIGINAL row/column index of the first non-positive pivot (the
 * caller raises NotPositiveDefiniteError naming its block and this row).
 */
export function factorSparseCholesky(factor: SparseCholeskyFactor, values: Float64Array): number {
  const symbolic = factor.symbolic;
  if (values.length < symbolic.nnzA) {
    throw new DimensionMismatchError(
      `factorSparseCholesky: values has length ${values.length}, pattern has ${symbolic.nnzA} entries`,
    );
  }
  const { supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr, supernodeOf } =
    symbolic;
  const entryTarget = symbolic.entryTarget;
  const out = factor.values;
  const update = factor.update;
  const position = factor.position;
  const relative = factor.relative;
  out.fill(0);
  for (let p = 0; p < symbolic.nnzA; p++) out[entryTarget[p]] += values[p];
  let deferred = 0;
  for (let s = 0; s < symbolic.supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const rowStart = supernodeRowPtr[s];
    const height = supernodeRowPtr[s + 1] - rowStart;
    const block = supernodeValuePtr[s];
    if (s === factor.batch.root) applyDenseRootBatch(factor);
    if (height === columns && columns >= deferredRootMinimum) {
      applyDeferredUpdates(factor, s, deferred);
    }
    const failed = potrf(columns, out, block, height);
    if (failed >= 0) {
      factor.status = symbolic.permutation[supernodeStart[s] + failed];
      return factor.status;
    }
    const below = height - columns;
    if (below === 0) continue;
    trsm("right", true, below, columns, 1, out, block, height, out, block + columns, height);
    const fused = columns <= fusedRankLimit;
    // Update columns in the dense root batch wait for applyDenseRootBatch.
    const batchStart = factor.batch.tailStart[s];
    let immediate = batchStart >= 0 ? batchStart : below;
    if (immediate === 0) continue;
    if (!fused) syrk(below, columns, 1, out, block + columns, height, 0, update, 0, below);
    const belowStart = rowStart + columns;
    const panel = block + columns;
    // The columns of a narrow update that fall in a large root are applied later, panel by
    // panel, while that root's columns are in cache (applyDeferredUpdates).
    const root = supernodeOf[supernodeRows[belowStart + below - 1]];
    const rootColumns = supernodeStart[root + 1] - supernodeStart[root];
    if (
      batchStart < 0 &&
      fused &&
      rootColumns >= deferredRootMinimum &&
      supernodeRowPtr[root + 1] - supernodeRowPtr[root] === rootColumns
    ) {
      while (immediate > 0 && supernodeRows[belowStart + immediate - 1] >= supernodeStart[root]) {
        immediate--;
      }
      factor.deferredSource[deferred] = s;
      factor.deferredTarget[deferred] = root;
      factor.deferredCursor[deferred] = immediate;
      deferred++;
    }
    // Subtract L21·L21ᵀ from its targets: column j of the update belongs to the supernode owning
    // row rows[j]; targets only increase with j, so each one's row positions are set once.
    let target = -1;
    let targetBase = 0;
    let targetHeight = 0;
    for (let j = 0; j < immediate; ) {
      const column = supernodeRows[belowStart + j];
      if (supernodeOf[column] !== target) {
        target = supernodeOf[column];
        const targetRows = supernodeRowPtr[target];
        targetHeight = supernodeRowPtr[target + 1] - targetRows;
        for (let r = 0; r < targetHeight; r++) position[supernodeRows[targetRows + r]] = r;
        for (let i = j; i < below; i++) relative[i] = position[supernodeRows[belowStart + i]];
        targetBase = supernodeValuePtr[target] - supernodeStart[target] * targetHeight;
      }
      const destination = targetBase + column * targetHeight;
      if (!fused) {
        if (j + 4 <= immediate && supernodeOf[supernodeRows[belowStart + j + 3]] === target) {
          const stride1 = (supernodeRows[belowStart + j + 1] - column) * targetHeight;
          const stride2 = (supernodeRows[belowStart + j + 2] - column) * targetHeight;
          const stride3 = (supernodeRows[belowStart + j + 3] - column) * targetHeight;
          scatterFourColumns(
            out,
            destination,
            stride1,
            stride2,
            stride3,
            relative,
            j,
            below,
            update,
          );
          j += 4;
        } else {
          const source = j * below;
          for (let i = j; i < below; i++) out[destination + relative[i]] -= update[source + i];
          j++;
        }
      } else if (j + 4 <= immediate && supernodeOf[supernodeRows[belowStart + j + 3]] === target) {
        // Four update columns share one pass over the rows below them.
        const stride1 = (supernodeRows[belowStart + j + 1] - column) * targetHeight;
        const stride2 = (supernodeRows[belowStart + j + 2] - column) * targetHeight;
        const stride3 = (supernodeRows[belowStart + j + 3] - column) * targetHeight;
        subtractFourColumns(
          out,
          destination,
          stride1,
          stride2,
          stride3,
          relative,
          0,
          j,
          below,
          columns,
          panel,
          height,
        );
        j += 4;
      } else {
        subtractLowRankColumn(out, destination, relative, 0, j, below, columns, panel, height);
        j++;
      }
    }
  }
  factor.status = -1;
  return -1;
}

/** Roots at least this wide collect the narrow updates aimed at them and apply them by panels. */
const deferredRootMinimum = 128;
/** Root columns per panel: 64 columns of a ~1000-row root stay within a 1 MB L2 cache. */
const deferredPanelWidth = 64;

/**
 * Applies the deferred narrow updates aimed at `root` (a supernode without rows below its
 * columns, so row r sits at position r − start) one panel of root columns at a time: every
 * update column landing in the panel is subtracted while the panel is cache-resident, instead of
 * each update sweeping the whole root.
 */
function applyDeferredUpdates(factor: SparseCholeskyFactor, root: number, deferred: number): void {
  const { supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr } = factor.symbolic;
  const out = factor.values;
  const start = supernodeStart[root];
  const width = supernodeStart[root + 1] - start;
  const base = supernodeValuePtr[root] - start;
  for (let panelStart = 0; panelStart < width; panelStart += deferredPanelWidth) {
    const rowLimit = start + Math.min(width, panelStart + deferredPanelWidth);
    for (let d = 0; d < deferred; d++) {
      if (factor.deferredTarget[d] !== root) continue;
      const s = factor.deferredSource[d];
      const columns = supernodeStart[s + 1] - supernodeStart[s];
      const height = supernodeRowPtr[s + 1] - supernodeRowPtr[s];
      const below = height - columns;
      const belowStart = supernodeRowPtr[s] + columns;
      const panel = supernodeValuePtr[s] + columns;
      let j = factor.deferredCursor[d];
      while (j < below && supernodeRows[belowStart + j] < rowLimit) {
        const column = supernodeRows[belowStart + j];
        const destination = base + (column - start) * width;
        if (j + 4 <= below && supernodeRows[belowStart + j + 3] < rowLimit) {
          const stride1 = (supernodeRows[belowStart + j + 1] - column) * width;
          const stride2 = (supernodeRows[belowStart + j + 2] - column) * width;
          const stride3 = (supernodeRows[belowStart + j + 3] - column) * width;
          subtractFourColumns(
            out,
            destination,
            stride1,
            stride2,
            stride3,
            supernodeRows,
            belowStart,
            j,
            below,
            columns,
            panel,
            height,
          );
          j += 4;
        } else {
          subtractLowRankColumn(
            out,
            destination,
            supernodeRows,
            belowStart,
            j,
            below,
            columns,
            panel,
            height,
          );
          j++;
        }
      }
      factor.deferredCursor[d] = j;
    }
  }
}

/**
 * Supernodes this narrow apply their update directly, entry by entry, instead of forming it with
 * syrk and scattering it: for rank ≤ 4 the update is memory-bound and one pass beats two.
 */
const fusedRankLimit = 4;

/**
 * values[destination + rowIndex[indexOffset + i]] −= Σ_k L[i, k]·L[j, k] for i = j … below−1, with L
 * below×rank panel at `panel` with leading dimension `ld` (rank ≤ 4).
 */
function subtractLowRankColumn(
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
function subtractFourColumns(
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
function scatterFourColumns(
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

/**
 * Forward solve with the permutation: y ← L⁻¹·P·b (y in pivot order). `b` and `y` have length n
 * and may be the same array.
 */
export function sparseCholeskyForwardSolve(
  factor: SparseCholeskyFactor,
  b: Float64Array,
  y: Float64Array,
): void {
  const { n, permutation, supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr } =
    factor.symbolic;
  const work = factor.work;
  const l = factor.values;
  for (let k = 0; k < n; k++) work[k] = b[permutation[k]];
  for (let s = 0; s < factor.symbolic.supernodeCount; s++) {
    const first = supernodeStart[s];
    const columns = supernodeStart[s + 1] - first;
    const rowStart = supernodeRowPtr[s];
    const height = supernodeRowPtr[s + 1] - rowStart;
    for (let jj = 0; jj < columns; jj++) {
      const column = supernodeValuePtr[s] + jj * height;
      const xj = work[first + jj] / l[column + jj];
      work[first + jj] = xj;
      if (xj === 0) continue;
      for (let i = jj + 1; i < height; i++) work[supernodeRows[rowStart + i]] -= l[column + i] * xj;
    }
  }
  for (let k = 0; k < n; k++) y[k] = work[k];
}

/**
 * Backward solve with the permutation: x ← Pᵀ·L⁻ᵀ·y (y in pivot order, x in original order).
 * `y` and `x` have length n and may be the same array.
 */
export function sparseCholeskyBackwardSolve(
  factor: SparseCholeskyFactor,
  y: Float64Array,
  x: Float64Array,
): void {
  const { n, permutation, supernodeStart, supernodeRowPtr, supernodeRows, supernodeValuePtr } =
    factor.symbolic;
  const work = factor.work;
  const l = factor.values;
  for (let k = 0; k < n; k++) work[k] = y[k];
  for (let s = factor.symbolic.supernodeCount - 1; s >= 0; s--) {
    const first = supernodeStart[s];
    const columns = supernodeStart[s + 1] - first;
    const rowStart = supernodeRowPtr[s];
    const height = supernodeRowPtr[s + 1] - rowStart;
    for (let jj = columns - 1; jj >= 0; jj--) {
      const column = supernodeValuePtr[s] + jj * height;
      let sum = work[first + jj];
      for (let i = jj + 1; i < height; i++)
        sum -= l[column + i] * work[supernodeRows[rowStart + i]];
      work[first + jj] = sum / l[column + jj];
    }
  }
  for (let k = 0; k < n; k++) x[permutation[k]] = work[k];
}

/** x ← A⁻¹·b through the factor (b and x of length n; may be the same array). */
export function sparseCholeskySolve(
  factor: SparseCholeskyFactor,
  b: Float64Array,
  x: Float64Array,
): void {
  sparseCholeskyForwardSolve(factor, b, x);
  sparseCholeskyBackwardSolve(factor, x, x);
}

/** log det A = 2·Σ log L_jj from a successful factorization. */
export function sparseCholeskyLogDet(factor: SparseCholeskyFactor): number {
  const { supernodeCount, supernodeStart, supernodeRowPtr, supernodeValuePtr } = factor.symbolic;
  let sum = 0;
  for (let s = 0; s < supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const height = supernodeRowPtr[s + 1] - supernodeRowPtr[s];
    for (let jj = 0; jj < columns; jj++)
      sum += Math.log(factor.values[supernodeValuePtr[s] + jj * (height + 1)]);
  }
  return 2 * sum;
}

/**
 * Flop estimates for choosing between sparse and dense factorization of the same block: the
 * sparse count Σ c_j², the dense count of an n×n potrf (Σ_{c≤n} c² ≈ n³/3), their ratio, and the
 * stored fraction of the dense lower triangle.
 */
export function sparseCholeskyCostEstimate(symbolic: SparseCholeskySymbolic): {
  sparseFlops: number;
  denseFlops: number;
  flopRatio: number;
  fillFraction: number;
} {
  const n = symbolic.n;
  const denseFlops = (n * (n + 1) * (2 * n + 1)) / 6;
  return {
    sparseFlops: symbolic.flops,
    denseFlops,
    flopRatio: denseFlops === 0 ? 0 : symbolic.flops / denseFlops,
    fillFraction: n === 0 ? 0 : symbolic.nnzL / ((n * (n + 1)) / 2),
  };
}
