import { UnsupportedKernelError } from "@mixedmodels/core";
import type { Block, DenseBlock, SparseCscBlock, UniformBlockDiagonalBlock } from "./block-types";

/**
 * Overwrite `target` with the values of `source` (same shape). A dense target is cleared first,
 * so stale workspace never leaks in. Sparse → sparse assumes the same structure.
 * @throws UnsupportedKernelError for a pair with no copy (e.g. dense into sparse).
 */
export function copyBlock(target: Block, source: Block): void {
  if (target.kind === "dense") {
    const t = target.values;
    switch (source.kind) {
      case "dense":
        t.set(source.values);
        return;
      case "sparse-csc":
        t.fill(0);
        scatterSparse(target, source);
        return;
      case "diagonal":
        t.fill(0);
        for (let i = 0; i < source.values.length; i++) t[i + i * target.rows] = source.values[i];
        return;
      case "uniform-block-diagonal":
        t.fill(0);
        scatterBlockDiagonal(target, source);
        return;
    }
  }
  if (target.kind === source.kind && target.values.length === source.values.length) {
    target.values.set(source.values);
    return;
  }
  throw new UnsupportedKernelError("copy", target.kind, source.kind);
}

function scatterSparse(target: DenseBlock, source: SparseCscBlock): void {
  const { rows, values: t } = target;
  for (let c = 0; c < source.cols; c++) {
    for (let p = source.colPtr[c]; p < source.colPtr[c + 1]; p++) {
      t[source.rowIdx[p] + c * rows] = source.values[p];
    }
  }
}

/** Writes each s×s block of `source` into its diagonal position of a dense target. */
function scatterBlockDiagonal(target: DenseBlock, source: UniformBlockDiagonalBlock): void {
  const { rows, values: t } = target;
  const s = source.blockSize;
  for (let b = 0; b < source.count; b++) {
    for (let c = 0; c < s; c++) {
      const col = (b * s + c) * rows + b * s;
      for (let r = 0; r < s; r++) t[col + r] = source.values[b * s * s + r + c * s];
    }
  }
}
