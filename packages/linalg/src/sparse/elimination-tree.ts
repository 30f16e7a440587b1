/**
 * Elimination-tree tools for a symmetric pattern given as its strict upper triangle by columns
 * (upperPtr/upperIdx: for column k, the rows i < k with A[i, k] ≠ 0).
 */

/** parent[k] of the elimination tree (−1 for roots), by Liu's algorithm with path compression. */
export function eliminationTree(n: number, upperPtr: Int32Array, upperIdx: Int32Array): Int32Array {
  const parent = new Int32Array(n).fill(-1);
  const ancestor = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    for (let p = upperPtr[k]; p < upperPtr[k + 1]; p++) {
      let i = upperIdx[p];
      while (i !== -1 && i < k) {
        const next = ancestor[i];
        ancestor[i] = k;
        if (next === -1) {
          parent[i] = k;
          break;
        }
        i = next;
      }
    }
  }
  return parent;
}

/**
 * A postorder of the forest: order[k] = the node visited k-th, children before parents,
 * siblings in increasing index order, trees in increasing order of their roots.
 */
export function postorder(n: number, parent: Int32Array): Int32Array {
  const firstChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  // Insert in decreasing order so that each child list ends up increasing.
  for (let j = n - 1; j >= 0; j--) {
    const p = parent[j];
    if (p === -1) continue;
    nextSibling[j] = firstChild[p];
    firstChild[p] = j;
  }
  const order = new Int32Array(n);
  const stack = new Int32Array(n);
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] !== -1) continue;
    let top = 0;
    stack[0] = root;
    while (top >= 0) {
      const node = stack[top];
      const child = firstChild[node];
      if (child === -1) {
        order[count++] = node;
        top--;
      } else {
        // Detach the child so the node is emitted once all its children are.
        firstChild[node] = nextSibling[child];
        stack[++top] = child;
      }
    }
  }
  return order;
}

/**
 * Visits the nonzero pattern of every row of L in turn: for row k, calls visit(j, k) for each
 * column j < k with L[k, j] ≠ 0, found by climbing the elimination tree from each i with
 * A[i, k] ≠ 0 (the row subtree). Total work O(nnz(L)).
 */
export function forEachRowOfFactor(
  n: number,
  upperPtr: Int32Array,
  upperIdx: Int32Array,
  parent: Int32Array,
  visit: (column: number, row: number) => void,
): void {
  const mark = new Int32Array(n).fill(-1);
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    for (let p = upperPtr[k]; p < upperPtr[k + 1]; p++) {
      let j = upperIdx[p];
      while (j !== -1 && mark[j] !== k) {
        visit(j, k);
        mark[j] = k;
        j = parent[j];
      }
    }
  }
}
