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
  /** Supernode receiving each supernode's update matrix, or −1. */
  readonly supernodeParent: Int32Array;
  readonly childPtr: Int32Array;
  readonly children: Int32Array;
  /** For supernode c: rows of its update matrix as positions in its parent's rows. */
  readonly updateMapPtr: Int32Array;
  readonly updateMap: Int32Array;
  /** Entries of A grouped by supernode: value index in A and position in the frontal matrix. */
  readonly entryPtr: Int32Array;
  readonly entrySource: Int32Array;
  readonly entryTarget: Int32Array;
  /** Workspace sizes (entries) for the frontal matrix and the update-matrix stack. */
  readonly frontEntries: number;
  readonly stackEntries: number;
}

/** How to order the pivots. */
export interface SparseCholeskyOptions {
  /** "minimum-degree" (default), "natural", or an explicit permutation (pivot k = original p[k]). */
  ordering?: "minimum-degree" | "natural" | Int32Array;
}

/**
 * Symbolic analysis of the symmetric n×n matrix whose lower triangle (diagonal included) has the
 * CSC pattern colPtr/rowIdx: fill-reducing ordering (exact minimum degree by default), then a
 * postorder of the elimination tree, column counts, relaxed supernodes, row structures and all
 * index maps the numeric factorization needs, so {@link factorSparseCholesky} only does
 * arithmetic. Values given later must follow this same pattern entry for entry.
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

  const supernodeParent = new Int32Array(supernodeCount).fill(-1);
  const supernodeValuePtr = new Int32Array(supernodeCount + 1);
  let frontEntries = 0;
  for (let s = 0; s < supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    const height = rowPtr[s + 1] - rowPtr[s];
    if (height > columns) supernodeParent[s] = supernodeOf[rows[rowPtr[s] + columns]];
    const entries = supernodeValuePtr[s] + height * columns;
    if (entries > 2 ** 31 - 1)
      throw new DataError(`sparse Cholesky factor too large (${entries} entries)`);
    supernodeValuePtr[s + 1] = entries;
    frontEntries = Math.max(frontEntries, height * height);
  }
  const { childPtr, children } = childLists(supernodeParent);
  const position = new Int32Array(n);
  const updateMapPtr = new Int32Array(supernodeCount + 1);
  for (let s = 0; s < supernodeCount; s++) {
    const columns = supernodeStart[s + 1] - supernodeStart[s];
    updateMapPtr[s + 1] = updateMapPtr[s] + (rowPtr[s + 1] - rowPtr[s] - columns);
  }
  const updateMap = new Int32Array(updateMapPtr[supernodeCount]);
  for (let p = 0; p < supernodeCount; p++) {
    for (let r = rowPtr[p]; r < rowPtr[p + 1]; r++) position[rows[r]] = r - rowPtr[p];
    for (let t = childPtr[p]; t < childPtr[p + 1]; t++) {
      const c = children[t];
      const columns = supernodeStart[c + 1] - supernodeStart[c];
      for (let q = updateMapPtr[c]; q < updateMapPtr[c + 1]; q++) {
        updateMap[q] = position[rows[rowPtr[c] + columns + q - updateMapPtr[c]]];
      }
    }
  }
  const entries = assemblyMap(
    n,
    colPtr,
    rowIdx,
    inversePermutation,
    supernodeOf,
    supernodeStart,
    rowPtr,
    rows,
    position,
  );
  const stackEntries = peakStack(supernodeStart, rowPtr, childPtr, children, supernodeParent);
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
    supernodeParent,
    childPtr,
    children,
    updateMapPtr,
    updateMap,
    entryPtr: entries.entryPtr,
    entrySource: entries.entrySource,
    entryTarget: entries.entryTarget,
    frontEntries,
    stackEntries,
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

function childLists(parent: Int32Array): { childPtr: Int32Array; children: Int32Array } {
  const count = parent.length;
  const childPtr = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) if (parent[s] >= 0) childPtr[parent[s] + 1]++;
  for (let s = 0; s < count; s++) childPtr[s + 1] += childPtr[s];
  const next = childPtr.slice(0, count);
  const children = new Int32Array(childPtr[count]);
  for (let s = 0; s < count; s++) if (parent[s] >= 0) children[next[parent[s]]++] = s;
  return { childPtr, children };
}

/** Where each stored entry of A goes: grouped by supernode, as an offset in its frontal matrix. */
function assemblyMap(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  inverse: Int32Array,
  supernodeOf: Int32Array,
  supernodeStart: Int32Array,
  rowPtr: Int32Array,
  rows: Int32Array,
  position: Int32Array,
): { entryPtr: Int32Array; entrySource: Int32Array; entryTarget: Int32Array } {
  const count = supernodeStart.length - 1;
  const total = colPtr[n];
  const entryPtr = new Int32Array(count + 1);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      entryPtr[supernodeOf[Math.min(inverse[rowIdx[p]], inverse[j])] + 1]++;
    }
  }
  for (let s = 0; s < count; s++) entryPtr[s + 1] += entryPtr[s];
  const next = entryPtr.slice(0, count);
  const entrySource = new Int32Array(total);
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]; p < colPtr[j + 1]; p++) {
      entrySource[next[supernodeOf[Math.min(inverse[rowIdx[p]], inverse[j])]]++] = p;
    }
  }
  const columnOf = new Int32Array(total);
  for (let j = 0; j < n; j++) columnOf.fill(j, colPtr[j], colPtr[j + 1]);
  const entryTarget = new Int32Array(total);
  for (let s = 0; s < count; s++) {
    const height = rowPtr[s + 1] - rowPtr[s];
    for (let r = rowPtr[s]; r < rowPtr[s + 1]; r++) position[rows[r]] = r - rowPtr[s];
    for (let t = entryPtr[s]; t < entryPtr[s + 1]; t++) {
      const p = entrySource[t];
      const a = inverse[rowIdx[p]];
      const b = inverse[columnOf[p]];
      const column = Math.min(a, b) - supernodeStart[s];
      entryTarget[t] = position[Math.max(a, b)] + column * height;
    }
  }
  return { entryPtr, entrySource, entryTarget };
}

/** Largest total size of update matrices waiting on the stack during the factorization. */
function peakStack(
  supernodeStart: Int32Array,
  rowPtr: Int32Array,
  childPtr: Int32Array,
  children: Int32Array,
  supernodeParent: Int32Array,
): number {
  const count = supernodeStart.length - 1;
  const updateSize = (s: number) => {
    const u = rowPtr[s + 1] - rowPtr[s] - (supernodeStart[s + 1] - supernodeStart[s]);
    return supernodeParent[s] >= 0 ? u * u : 0;
  };
  let top = 0;
  let peak = 0;
  for (let s = 0; s < count; s++) {
    for (let t = childPtr[s]; t < childPtr[s + 1]; t++) top -= updateSize(children[t]);
    top += updateSize(s);
    peak = Math.max(peak, top);
  }
  return peak;
}
