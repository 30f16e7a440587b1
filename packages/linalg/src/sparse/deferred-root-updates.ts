import { subtractFourColumns, subtractLowRankColumn } from "./low-rank-updates";
import type { SparseCholeskyFactor } from "./sparse-cholesky-factor";

export const deferredRootMinimum = 128;
/** Root columns per panel: 64 columns of a ~1000-row root stay within a 1 MB L2 cache. */
const deferredPanelWidth = 64;

/**
 * Applies the deferred narrow updates aimed at `root` (a supernode without rows below its
 * columns, so row r sits at position r − start) one panel of root columns at a time: every
 * update column landing in the panel is subtracted while the panel is cache-resident, instead of
 * each update sweeping the whole root.
 */
export function applyDeferredUpdates(
  factor: SparseCholeskyFactor,
  root: number,
  deferred: number,
): void {
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
