import { DimensionMismatchError } from "@mixedmodels/core";
import { potrf } from "../dense/potrf";
import { syrk } from "../dense/syrk";
import { trsm } from "../dense/trsm";
import type { SparseCholeskySymbolic } from "./analyze-sparse-cholesky";
import { applyDeferredUpdates, deferredRootMinimum } from "./deferred-root-updates";
import { applyDenseRootBatch, type DenseRootBatch, planDenseRootBatch } from "./dense-root-batch";
import {
  fusedRankLimit,
  scatterFourColumns,
  subtractFourColumns,
  subtractLowRankColumn,
} from "./low-rank-updates";

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
