import type { Block, DenseBlock, SparseCscBlock } from "./block-types";

/**
 * Rows and columns per tile of the dense target, chosen by measurement (bench/README.md, "dense
 * rank update"): a 512×512 tile (2 MB) stays in the shared L3 cache and its 512 column segments
 * in the TLB while every column of the source adds its products to it; 64–256 pay more for
 * revisiting each source column per tile, 1024 and up lose the locality.
 */
export const RANK_UPDATE_TILE = 512;

/**
 * target ← target − S·Sᵀ (lower triangle) for a dense n×n target and a sparse n×m source S, one
 * column of S after another: column c adds v_p·v_q at (row_p, row_q) for each pair p ≥ q of its
 * nonzeros. Untiled, a column's products land anywhere in the n×n target, so once the target
 * outgrows the cache nearly every product is a cache miss (a crossed model with a large second
 * factor: MovieLens' 3,706 items, 5,000 schools). Tiled, the target is visited tile by tile (tiles
 * of `tile` rows and columns), and for each tile every column of S adds only its products that
 * fall in it, found from where each column's sorted row indices cross the tile boundaries
 * (computed once, as the structure is fixed). Each entry still receives the same products in the
 * same order (by column of S), so the result is bit-identical to the untiled loop.
 */
export function prepareDenseFromSparse(
  target: Block,
  source: Block,
  tile: number = RANK_UPDATE_TILE,
): (target: Block, source: Block) => void {
  const n = (target as DenseBlock).rows;
  const { cols, colPtr, rowIdx } = source as SparseCscBlock;
  const tiles = Math.max(1, Math.ceil(n / tile));
  if (tiles === 1) return denseFromSparseUntiled;
  // bounds[c·(tiles+1) + k]: the first position of column c whose row is at least k·tile.
  const stride = tiles + 1;
  const bounds = new Int32Array(cols * stride);
  for (let c = 0; c < cols; c++) {
    let p = colPtr[c];
    const end = colPtr[c + 1];
    for (let k = 0; k < tiles; k++) {
      while (p < end && rowIdx[p] < k * tile) p++;
      bounds[c * stride + k] = p;
    }
    bounds[c * stride + tiles] = end;
  }
  return (target: Block, source: Block) => {
    const t = (target as DenseBlock).values;
    const { rowIdx: rows, values } = source as SparseCscBlock;
    for (let tileColumn = 0; tileColumn < tiles; tileColumn++) {
      for (let tileRow = tileColumn; tileRow < tiles; tileRow++) {
        const diagonalTile = tileRow === tileColumn;
        for (let c = 0; c < cols; c++) {
          const base = c * stride;
          const qStart = bounds[base + tileColumn];
          const qEnd = bounds[base + tileColumn + 1];
          if (qStart === qEnd) continue;
          const pStart = bounds[base + tileRow];
          const pEnd = bounds[base + tileRow + 1];
          if (pStart === pEnd) continue;
          for (let q = qStart; q < qEnd; q++) {
            const column = rows[q] * n;
            const v2 = values[q];
            // Row indices ascend, so p ≥ q lands in the lower triangle.
            for (let p = diagonalTile ? q : pStart; p < pEnd; p++) {
              t[column + rows[p]] -= values[p] * v2;
            }
          }
        }
      }
    }
  };
}

/** The same update column by column of S, for a target that fits in one tile. */
export function denseFromSparseUntiled(target: Block, source: Block): void {
  const { rows: n, values: t } = target as DenseBlock;
  const { cols, colPtr, rowIdx, values } = source as SparseCscBlock;
  for (let c = 0; c < cols; c++) {
    const start = colPtr[c];
    const end = colPtr[c + 1];
    for (let q = start; q < end; q++) {
      const column = rowIdx[q] * n;
      const v2 = values[q];
      // Row indices ascend, so p ≥ q lands in the lower triangle.
      for (let p = q; p < end; p++) t[column + rowIdx[p]] -= values[p] * v2;
    }
  }
}
