import { DimensionMismatchError } from "@mixedmodels/core";
import type { SparseCscBlock } from "./block-types";

/**
 * Check that the columns of a sparse block come in consecutive groups of s with identical row
 * patterns (as the cross-product blocks of a vector-valued term do), so kernels can treat each
 * stored row of a group as a dense s-vector. @throws DimensionMismatchError otherwise.
 */
export function checkColumnGroups(block: SparseCscBlock, s: number, operation: string): void {
  const { cols, colPtr, rowIdx } = block;
  if (cols % s !== 0) {
    throw new DimensionMismatchError(
      `${operation}: ${cols} columns do not split into groups of ${s}`,
    );
  }
  for (let g = 0; g < cols; g += s) {
    const first = colPtr[g];
    const length = colPtr[g + 1] - first;
    for (let c = 1; c < s; c++) {
      const start = colPtr[g + c];
      if (colPtr[g + c + 1] - start !== length || rowIdx[start] !== rowIdx[first]) {
        throw new DimensionMismatchError(
          `${operation}: columns ${g}…${g + s - 1} of the sparse block do not share one row pattern`,
        );
      }
    }
  }
}
