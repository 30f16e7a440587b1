import {
  CONSTANT_COLUMN_RELATIVE,
  type ModelParts,
  rankTolerance,
} from "@mixedmodels/modelmatrix";
import type { CrossProductSums } from "./cross-product-sums";

/**
 * The in-memory rank decision (modelmatrix's `independentColumns`) made from the sums: columns in
 * their original order, a column dropped when the part of it outside the span of the kept earlier
 * ones has norm ≤ 1e-7 of its own, every column centred about its mean when column 0 is a nonzero
 * constant (the intercept) and a column constant up to rounding counted as zero. Without rows the
 * residual norms come from a Cholesky pass over the centred Gram matrix instead of Householder
 * reflections on X: residual² is a difference of squares, so it resolves the ratio to about 1e-8,
 * enough for the 1e-7 test on exact dependencies (a duplicated or rescaled column, dummy columns
 * of an empty cell, a factor nested in another) but not for columns dependent to within 1e-7..1e-8,
 * where the two paths may decide differently. The sums are weighted (XᵀWX), the in-memory
 * decision is not; with positive weights both have the same exact dependencies.
 *
 * @returns indices of the kept columns of X (increasing)
 */
export function independentColumnsFromSums(sums: CrossProductSums, p: number): Int32Array {
  const m = p + 1;
  const gram = sums.fixedGram;
  const constantAt = (c: number) => {
    const low = sums.columnMin[c];
    const high = sums.columnMax[c];
    return high - low <= CONSTANT_COLUMN_RELATIVE * Math.max(Math.abs(low), Math.abs(high));
  };
  const intercept = p > 0 && sums.columnMin[0] === sums.columnMax[0] && sums.columnMin[0] !== 0;
  // Centred Gram: G_ij − G_i0·G_j0/G_00 (column 0 the constant c₀: G_i0 = c₀Σwx_i, G_00 = c₀²Σw).
  const centred = new Float64Array(p * p);
  for (let c = 0; c < p; c++) {
    for (let r = 0; r < p; r++) {
      let value = gram[r + c * m];
      if (intercept && r > 0 && c > 0) value -= (gram[r] * gram[c]) / gram[0];
      else if (intercept && r !== c) value = 0;
      centred[r + c * p] = value;
    }
  }
  if (intercept) for (let c = 1; c < p; c++) if (constantAt(c)) centred[c + c * p] = 0;
  const kept: number[] = [];
  // Column j of `factor` holds row j of the Cholesky factor of the kept columns' Gram matrix.
  const factor = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const normSquared = centred[j + j * p];
    if (!(normSquared > 0)) continue;
    for (let k = 0; k < kept.length; k++) {
      let value = centred[kept[k] + j * p];
      for (let t = 0; t < k; t++) value -= factor[t + k * p] * factor[t + j * p];
      factor[k + j * p] = value / factor[k + k * p];
    }
    let residual = normSquared;
    for (let k = 0; k < kept.length; k++) residual -= factor[k + j * p] ** 2;
    if (!(residual > rankTolerance * rankTolerance * normSquared)) continue;
    const k = kept.length;
    // Row j becomes row k of the factor: move its entries into column k's slot.
    for (let t = 0; t < k; t++) factor[t + k * p] = factor[t + j * p];
    factor[k + k * p] = Math.sqrt(residual);
    kept.push(j);
  }
  return Int32Array.from(kept);
}

/**
 * The parts and sums with X restricted to the columns `kept` (indices into the parts' X),
 * recording the others as aliased, as the in-memory path does when it drops columns.
 */
export function restrictToColumns(
  parts: ModelParts,
  sums: CrossProductSums,
  kept: Int32Array,
): { parts: ModelParts; sums: CrossProductSums } {
  const p = parts.X.p;
  const m = p + 1;
  const rows = [...kept, p]; // y stays the last row and column
  const mKept = rows.length;
  const fixedGram = new Float64Array(mKept * mKept);
  rows.forEach((source, c) => {
    rows.forEach((from, r) => {
      fixedGram[r + c * mKept] = sums.fixedGram[from + source * m];
    });
  });
  const fixedByTerm = sums.fixedByTerm.map((block) => {
    const cols = block.length / m;
    const out = new Float64Array(mKept * cols);
    for (let col = 0; col < cols; col++) {
      rows.forEach((from, r) => {
        out[r + col * mKept] = block[from + col * m];
      });
    }
    return out;
  });
  const keptSet = new Set(kept);
  const dropped = parts.X.names.filter((_, c) => !keptSet.has(c));
  const X = {
    ...parts.X,
    p: kept.length,
    names: Array.from(kept, (c) => parts.X.names[c]),
    kept: Int32Array.from(kept, (c) => parts.X.kept[c]),
    aliased: [...parts.X.aliased, ...dropped],
  };
  return {
    parts: { ...parts, X },
    sums: {
      ...sums,
      fixedGram,
      fixedByTerm,
      columnMin: Float64Array.from(kept, (c) => sums.columnMin[c]),
      columnMax: Float64Array.from(kept, (c) => sums.columnMax[c]),
    },
  };
}
