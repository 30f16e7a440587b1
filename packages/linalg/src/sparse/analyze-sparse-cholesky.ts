import { DataError } from "@mixedmodels/core";
import { eliminationTree, forEachRowOfFactor, postorder } from "./elimination-tree";
import { minimumDegreeOrdering } from "./minimum-degree-ordering";
import { permutedUpperPattern, validateLowerPattern } from "./symmetric-pattern";
import { relaxedSupernodes } from "./relaxed-supernodes";

/**
 * Everything about a sparse Cholesky factorization P·A·Pᵀ = L·Lᵀ that depends only on the
 * pattern of A, computed once by {@link analyzeSparseCholesky}. Column and row indices below are
 * in the permuted order unless stated otherwise. L is stored by supernodes: supernode s owns
 * columns supernodeStart[s] .. supernodeStart[s+1]−1 and a dense column-major block of
 * (row count) × (column count) values whose rows are supernodeRows[supernodeRowPtr[s] ..] (its own
 * columns first, then the rows below, increasing).
 */
export interface SparseCholeskySymbolic {
  readonly n: number;
  /** permutation[k] = the original row/column that is pivot k. */
  readonly permutation: Int32Array;
  /** inversePermutation[original] = k. */
  readonly inversePermutation: Int32Array;
  /** Stored entries of the lower triangle of A the pattern was given with. */
  readonly nnzA: number;
  /** Nonzeros of L (including the diagonal), exact, before supernode padding. */
  readonly nnzL: number;
  /** Entries L actually stores (supernode blocks, including explicit zeros and upper parts). */
  readonly storedEntries: number;
  /** Floating-point operations of the factorization, Σ_j c_j² over column counts c_j. */
  readonly flops: number;
  /** Multiply–adds of the rank updates, Σ_j c_j·(c_j − 1)/2 (dense n×n: ≈ n³/6). */
  readonly multiplyAdds: number;
  readonly supernodeCount: number;
  readonly supernodeStart: Int32Array;
  readonly supernodeRowPtr: Int32Array;
  readonly supernodeRows: Int32Array;
  /** Offset of each supernode's block in the factor values; length supernodeCount + 1. */
  readonly supernodeValuePtr: Int32Array;
  /** Supernode of each (permuted) column. */
  readonly supernodeOf: Int32Array;
  /** For each stored entry of A (in the given order): its position in the factor values. */
  readonly entryTarget: Int32Array;
  /** Size (entries) of the scratch for the largest supernode update matrix. */
  readonly updateEntries: number;
}

/** How to order the pivots. */
export interface SparseCholeskyOptions {
  /** "minimum-degree" (default), "natural", or an explicit permutation (pivot k = original p[k]). */
  ordering?: "minimum-degree" | "natural" | Int32Array;
}

/**
 * Symbolic analysis of the symmetric n×n matrix whose lower triangle (diagonal included) has the
 * CSC pattern colPtr/rowIdx: fill-reducing ordering (exact minimum degree by default), then a
 * postorder of the elimination tree, column counts, relaxed supernodes, row structures and the
 * map from A's entries into the factor, so {@link factorSparseCholesky} only does arithmetic.
 * Values given later must follow this same pattern entry for entry; duplicate entries are
 * summed, rows within a column may come in any order, and a missing diagonal entry counts as
 * zero (the factorization then fails at that pivot).
 * Throws DimensionMismatchError / DataError on a malformed pattern or permutation.
 */
export function analyzeSparseCholesky(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  options: SparseCholeskyOptions = {},
): SparseCholeskySymbolic {
  validateLowerPattern(n, colPtr, rowIdx);
  const ordering = chooseOrdering(n, colPtr, rowIdx, options.ordering ?? "minimum-degree");
  const firstInverse = inverseOf(ordering);
  const first = permutedUpperPattern(n, colPtr, rowIdx, firstInverse);
  const order = postorder(n, eliminationTree(n, first.upperPtr, first.upperIdx));
  const permutation = Int32Array.from(order, (node) => ordering[node]);
  const inversePermutation = inverseOf(permutation);
  const { upperPtr, upperIdx } = permutedUpperPattern(n, colPtr, rowIdx, inversePermutation);
  const parent = eliminationTree(n, upperPtr, upperIdx);

  const columnCount = new Int32Array(n).fill(1);
  forEachRowOfFactor(n, upperPtr, upperIdx, parent, (column) => {
    columnCount[column]++;
  });
  let nnzL = 0;
  let flops = 0;
  let multiplyAdds = 0;
  for (let j = 0; j < n; j++) {
    const c = columnCount[j];
    nnzL += c;
    flops += c * c;
    multiplyAdds += (c * (c - 1)) / 2;
  }

  const supernodeStart = relaxedSupernodes(n, parent, columnCount);
  const supernodeCount = supernodeStart.length - 1;
  const supernodeOf = new Int32Array(n);
  for (let s = 0; s < supernodeCount; s++) {
    supernodeOf.fill(s, supernodeStart[s], supernodeStart[s + 1]);
  }
  const { rowPtr, rows } = supernodeRowStructure(
    n,
    upperPtr,
    upperIdx,
    parent,
    supernodeStart,
    supernodeOf,
  );

  const supernodeValuePtr = new Int32Array(supernodeCount + 1);
  let updateEntries = 0;
  for (let s = 0; s < supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const height = rowPtr[s + 1] - rowPtr[s];
    const entries = supernodeValuePtr[s] + height * columns;
    if (entries > 2 ** 31 - 1)
      throw new DataError(`sparse Cholesky factor too large (${entries} entries)`);
    supernodeValuePtr[s + 1] = entries;
    updateEntries = Math.max(updateEntries, (height - columns) ** 2);
  }
  const entryTarget = assemblyMap(
    n,
    colPtr,
    rowIdx,
    inversePermutation,
    supernodeOf,
    supernodeStart,
    rowPtr,
    rows,
    supernodeValuePtr,
  );
  return {
    n,
    permutation,
    inversePermutation,
    nnzA: colPtr[n],
    nnzL,
    storedEntries: supernodeValuePtr[supernodeCount],
    flops,
    multiplyAdds,
    supernodeCount,
    supernodeStart,
    supernodeRowPtr: rowPtr,
    supernodeRows: rows,
    supernodeValuePtr,
    supernodeOf,
    entryTarget,
    updateEntries,
  };
}

function chooseOrdering(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  ordering: "minimum-degree" | "natural" | Int32Array,
): Int32Array {
  if (ordering === "minimum-degree") return minimumDegreeOrdering(n, colPtr, rowIdx);
  if (ordering === "natural") return Int32Array.from({ length: n }, (_, i) => i);
  if (ordering.length !== n)
    throw new DataError(`ordering has length ${ordering.length}, expected ${n}`);
  const seen = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const p = ordering[k];
    if (!(p >= 0 && p < n) || seen[p] === 1) {
      throw new DataError(`ordering is not a permutation: entry ${k} is ${p}`);
    }
    seen[p] = 1;
  }
  return ordering;
}

function inverseOf(permutation: Int32Array): Int32Array {
  const inverse = new Int32Array(permutation.length);
  for (let k = 0; k < permutation.length; k++) inverse[permutation[k]] = k;
  return inverse;
}

/** Row structure of each supernode: its own columns, then the union of its columns' rows below. */
function supernodeRowStructure(
  n: number,
  upperPtr: Int32Array,
  upperIdx: Int32Array,
  parent: Int32Array,
  supernodeStart: Int32Array,
  supernodeOf: Int32Array,
): { rowPtr: Int32Array; rows: Int32Array } {
  const count = supernodeStart.length - 1;
  const lastRow = new Int32Array(count).fill(-1);
  const rowPtr = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) rowPtr[s + 1] = supernodeStart[s + 1] - supernodeStart[s];
  forEachRowOfFactor(n, upperPtr, upperIdx, parent, (column, row) => {
    const s = supernodeOf[column];
    if (row >= supernodeStart[s + 1] && lastRow[s] !== row) {
      lastRow[s] = row;
      rowPtr[s + 1]++;
    }
  });
  for (let s = 0; s < count; s++) rowPtr[s + 1] += rowPtr[s];
  const rows = new Int32Array(rowPtr[count]);
  const next = new Int32Array(count);
  for (let s = 0; s < count; s++) {
    let r = rowPtr[s];
    for (let j = supernodeStart[s]; j < supernodeStart[s + 1]; j++) rows[r++] = j;
    next[s] = r;
  }
  lastRow.fill(-1);
  // Rows arrive in increasing order, so each supernode's list below its columns is sorted.
  forEachRowOfFactor(n, upperPtr, upperIdx, parent, (column, row) => {
    const s = supernodeOf[column];
    if (row >= supernodeStart[s + 1] && lastRow[s] !== row) {
      lastRow[s] = row;
      rows[next[s]++] = row;
    }
  });
  return { rowPtr, rows };
}

/** Where each stored entry (i, j) of A goes in the supernodal factor values. */
function assemblyMap(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  inverse: Int32Array,
  supernodeOf: Int32Array,
  supernodeStart: Int32Array,
  rowPtr: Int32Array,
  rows: Int32Array,
  valuePtr: Int32Array,
): Int32Array {
  const count = supernodeStart.length - 1;
  const nnz = colPtr[n];
  const entryTarget = new Int32Array(nnz);
  // The entries of A grouped by the supernode they land in (a counting sort, entries ascending
  // within each), with their columns.
  const columnOf = new Int32Array(nnz);
  const home = new Int32Array(nnz);
  const bucketPtr = new Int32Array(count + 1);
  for (let j = 0; j < n; j++) {
    const jj = inverse[j];
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      columnOf[p] = j;
      const s = supernodeOf[Math.min(inverse[rowIdx[p]], jj)];
      home[p] = s;
      bucketPtr[s + 1]++;
    }
  }
  for (let s = 0; s < count; s++) bucketPtr[s + 1] += bucketPtr[s];
  const next = bucketPtr.slice(0, count);
  const bucket = new Int32Array(nnz);
  for (let p = 0; p < nnz; p++) bucket[next[home[p]]++] = p;
  // Row positions inside each supernode, for the entries of A that land in it.
  const position = new Int32Array(n);
  for (let s = 0; s < count; s++) {
    const height = rowPtr[s + 1] - rowPtr[s];
    for (let r = rowPtr[s]; r < rowPtr[s + 1]; r++) position[rows[r]] = r - rowPtr[s];
    for (let t = bucketPtr[s]; t < bucketPtr[s + 1]; t++) {
      const p = bucket[t];
      const a = inverse[rowIdx[p]];
      const b = inverse[columnOf[p]];
      const column = Math.min(a, b) - supernodeStart[s];
      entryTarget[p] = valuePtr[s] + position[Math.max(a, b)] + column * height;
    }
  }
  return entryTarget;
}
