import { UnsupportedKernelError } from "@mixedmodels/core";
import { trsv } from "../dense/trsm";
import type { Block } from "./block-types";
import { solveWithSparseCholesky } from "./sparse-cholesky-kernels";

/*
 * Vector operations with single blocks, used to solve with the blocked factor L block by block
 * (β, conditional modes, conditional variances, leverage). `x` and `y` are segments of longer
 * vectors starting at the given offsets. None allocates.
 */

/** x ← L⁻¹·x (transpose = false) or L⁻ᵀ·x (transpose = true), L a factored diagonal block. */
export function solveWithFactor(
  factor: Block,
  transpose: boolean,
  x: Float64Array,
  offset: number,
): void {
  switch (factor.kind) {
    case "diagonal": {
      const d = factor.values;
      for (let i = 0; i < d.length; i++) x[offset + i] /= d[i];
      return;
    }
    case "uniform-block-diagonal": {
      const s = factor.blockSize;
      for (let b = 0; b < factor.count; b++) {
        trsv(transpose, s, factor.values, b * s * s, s, x, offset + b * s, 1);
      }
      return;
    }
    case "dense":
      trsv(transpose, factor.rows, factor.values, 0, factor.rows, x, offset, 1);
      return;
    case "sparse-cholesky":
      // F = Pᵀ·L: the forward solve leaves the segment in pivot order, the transposed one
      // takes it in pivot order (as the blocks below this one hold their columns).
      solveWithSparseCholesky(factor, transpose, x, offset);
      return;
    case "sparse-csc":
      throw new UnsupportedKernelError("solveWithFactor", factor.kind, "vector");
  }
}

/** y ← y − B·x (transpose = false, x has B.cols entries) or y − Bᵀ·x (x has B.rows entries). */
export function subtractBlockProduct(
  block: Block,
  transpose: boolean,
  x: Float64Array,
  offsetX: number,
  y: Float64Array,
  offsetY: number,
): void {
  switch (block.kind) {
    case "diagonal": {
      const d = block.values;
      for (let i = 0; i < d.length; i++) y[offsetY + i] -= d[i] * x[offsetX + i];
      return;
    }
    case "uniform-block-diagonal": {
      const s = block.blockSize;
      const v = block.values;
      for (let b = 0; b < block.count; b++) {
        const base = b * s * s;
        for (let c = 0; c < s; c++) {
          for (let r = 0; r < s; r++) {
            const value = v[base + r + c * s];
            if (transpose) y[offsetY + b * s + c] -= value * x[offsetX + b * s + r];
            else y[offsetY + b * s + r] -= value * x[offsetX + b * s + c];
          }
        }
      }
      return;
    }
    case "sparse-csc": {
      const { colPtr, rowIdx, values } = block;
      for (let c = 0; c < block.cols; c++) {
        for (let p = colPtr[c]; p < colPtr[c + 1]; p++) {
          if (transpose) y[offsetY + c] -= values[p] * x[offsetX + rowIdx[p]];
          else y[offsetY + rowIdx[p]] -= values[p] * x[offsetX + c];
        }
      }
      return;
    }
    case "sparse-cholesky":
      throw new UnsupportedKernelError("subtractBlockProduct", block.kind, "vector");
    case "dense": {
      const { rows, cols, values } = block;
      for (let c = 0; c < cols; c++) {
        const col = c * rows;
        if (transpose) {
          let sum = 0;
          for (let r = 0; r < rows; r++) sum += values[col + r] * x[offsetX + r];
          y[offsetY + c] -= sum;
        } else {
          const xc = x[offsetX + c];
          if (xc === 0) continue;
          for (let r = 0; r < rows; r++) y[offsetY + r] -= values[col + r] * xc;
        }
      }
      return;
    }
  }
}
