import { syrk } from "../dense/syrk";
import type { SparseCholeskySymbolic } from "./analyze-sparse-cholesky";
import { deferredRootMinimum } from "./deferred-root-updates";
import { fusedRankLimit } from "./low-rank-updates";
import type { SparseCholeskyFactor } from "./sparse-cholesky-factor";

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

export function planDenseRootBatch(symbolic: SparseCholeskySymbolic): DenseRootBatch {
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
export function applyDenseRootBatch(factor: SparseCholeskyFactor): void {
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
