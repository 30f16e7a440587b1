import { ModelError } from "@mixedmodels/core";
import {
  type Block,
  createDenseBlock,
  createDiagonalBlock,
  createSparseCscBlock,
  createUniformBlockDiagonalBlock,
} from "@mixedmodels/linalg";
import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { SPARSE_DENSITY_THRESHOLD } from "./cross-product";

/**
 * Z_iᵀWZ_j (i > j) as sums over the level pairs that occur together in some row: a pair is
 * listed even when its sums are 0, so the pairs are the block's sparsity pattern.
 */
export interface LevelPairSums {
  /** Level of term i (the block's row term) per pair. */
  readonly rowLevels: Int32Array;
  /** Level of term j (the block's column term) per pair. */
  readonly colLevels: Int32Array;
  /** s_i×s_j per pair, column-major, pair after pair. */
  readonly values: Float64Array;
}

/**
 * Every block of A = [Z X y]ᵀW[Z X y] as sums over the rows used, in the user's columns (y with
 * the offset already subtracted), computed elsewhere (by SQL, say) in any summation order.
 */
export interface CrossProductSums {
  /** Rows used. */
  readonly n: number;
  /** Σw (n without weights). */
  readonly weightSum: number;
  /** Σ log w (0 without weights), subtracted from the objective. */
  readonly logWeightSum: number;
  /** Per term j: ℓ_j blocks of s_j×s_j, column-major, level after level. */
  readonly termDiagonal: readonly Float64Array[];
  /** Per pair of terms i > j, packed at i(i−1)/2 + j. */
  readonly termPairs: readonly LevelPairSums[];
  /** Per term j: [X y]ᵀWZ_j, (p+1)×(ℓ_j·s_j) column-major. */
  readonly fixedByTerm: readonly Float64Array[];
  /** [X y]ᵀW[X y], (p+1)×(p+1), both triangles. */
  readonly fixedGram: Float64Array;
  /** Per column of X: its smallest and largest value over the rows used. */
  readonly columnMin: Float64Array;
  readonly columnMax: Float64Array;
}

/** Index of block (i, j), j ≤ i, of the packed lower triangle. */
function packed(i: number, j: number): number {
  return (i * (i + 1)) / 2 + j;
}

/**
 * Check the sums' shapes against the terms and X: a wrong length would otherwise read past an
 * array into a silent NaN. @throws ModelError naming the block.
 */
export function checkSumShapes(
  sums: CrossProductSums,
  reterms: readonly RandomEffectsMatrix[],
  p: number,
): void {
  const k = reterms.length;
  const expect = (what: string, actual: number, wanted: number) => {
    if (actual !== wanted) {
      throw new ModelError(`cross-products: ${what} has ${actual} values, expected ${wanted}`);
    }
  };
  expect("the fixed-effects Gram matrix", sums.fixedGram.length, (p + 1) * (p + 1));
  expect("columnMin", sums.columnMin.length, p);
  expect("columnMax", sums.columnMax.length, p);
  expect("termDiagonal (terms)", sums.termDiagonal.length, k);
  expect("fixedByTerm (terms)", sums.fixedByTerm.length, k);
  expect("termPairs (pairs)", sums.termPairs.length, (k * (k - 1)) / 2);
  reterms.forEach((term, j) => {
    const q = term.levels.length * term.s;
    expect(`the diagonal block of ${term.group}`, sums.termDiagonal[j].length, q * term.s);
    expect(`[X y]ᵀZ of ${term.group}`, sums.fixedByTerm[j].length, (p + 1) * q);
  });
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      const pairs = sums.termPairs[(i * (i - 1)) / 2 + j];
      const count = pairs.rowLevels.length;
      expect(
        `the level pairs of ${reterms[i].group} × ${reterms[j].group}`,
        pairs.colLevels.length,
        count,
      );
      expect(
        `the pair sums of ${reterms[i].group} × ${reterms[j].group}`,
        pairs.values.length,
        count * reterms[i].s * reterms[j].s,
      );
    }
  }
}

/**
 * Whether term j is nested in term i (every level of j occurs with exactly one level of i), from
 * the pattern of their level pairs: what `isNested` decides from the rows.
 */
export function nestedFromPairs(sums: CrossProductSums, inner: number, outer: number): boolean {
  const pairs = sums.termPairs[(outer * (outer - 1)) / 2 + inner];
  const seen = new Set<number>();
  for (const level of pairs.colLevels) {
    if (seen.has(level)) return false;
    seen.add(level);
  }
  return true;
}

/**
 * The blocks of A in the layout `buildCrossProduct` gives (row by row, lower triangle), with the
 * same storage rules: a scalar pair block that is square and diagonal is Diagonal, one at most
 * 10% filled is sparse CSC (whole s_i×s_j blocks per pair), anything else dense.
 */
export function assembleCrossProduct(
  sums: CrossProductSums,
  reterms: readonly RandomEffectsMatrix[],
  p: number,
): Block[] {
  const k = reterms.length;
  const blocks: Block[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < i; j++) {
      blocks.push(pairBlock(sums.termPairs[(i * (i - 1)) / 2 + j], reterms[i], reterms[j]));
    }
    const term = reterms[i];
    const diagonal =
      term.s === 1
        ? createDiagonalBlock(term.levels.length)
        : createUniformBlockDiagonalBlock(term.s, term.levels.length);
    diagonal.values.set(sums.termDiagonal[i]);
    blocks.push(diagonal);
  }
  for (let j = 0; j < k; j++) {
    const block = createDenseBlock(p + 1, reterms[j].levels.length * reterms[j].s);
    block.values.set(sums.fixedByTerm[j]);
    blocks.push(block);
  }
  const gram = createDenseBlock(p + 1, p + 1);
  gram.values.set(sums.fixedGram);
  blocks.push(gram);
  if (blocks.length !== packed(k, k) + 1) throw new ModelError("cross-products: wrong block count");
  return blocks;
}

function pairBlock(
  pairs: LevelPairSums,
  rowTerm: RandomEffectsMatrix,
  colTerm: RandomEffectsMatrix,
): Block {
  const si = rowTerm.s;
  const sj = colTerm.s;
  const rowLevels = rowTerm.levels.length;
  const colLevels = colTerm.levels.length;
  const rows = rowLevels * si;
  const cols = colLevels * sj;
  const count = pairs.rowLevels.length;
  const size = si * sj;
  // Column-major order of the pairs (by column level, then row level), as CSC wants it.
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => pairs.colLevels[a] - pairs.colLevels[b] || pairs.rowLevels[a] - pairs.rowLevels[b],
  );
  for (let at = 0; at < count; at++) {
    const pair = order[at];
    const row = pairs.rowLevels[pair];
    const col = pairs.colLevels[pair];
    if (!(row >= 0 && row < rowLevels && col >= 0 && col < colLevels)) {
      throw new ModelError(
        `cross-products: level pair (${row}, ${col}) is outside ${rowTerm.group} × ${colTerm.group}`,
      );
    }
    if (at > 0) {
      const previous = order[at - 1];
      if (pairs.rowLevels[previous] === row && pairs.colLevels[previous] === col) {
        throw new ModelError(
          `cross-products: level pair (${row}, ${col}) of ${rowTerm.group} × ${colTerm.group} is listed twice`,
        );
      }
    }
  }
  const diagonal =
    size === 1 &&
    rows === cols &&
    count === cols &&
    order.every((pair) => pairs.rowLevels[pair] === pairs.colLevels[pair]);
  if (diagonal) {
    const block = createDiagonalBlock(rows);
    for (const pair of order) block.values[pairs.colLevels[pair]] = pairs.values[pair];
    return block;
  }
  const nonzeros = count * size;
  if (nonzeros <= SPARSE_DENSITY_THRESHOLD * rows * cols) {
    const colPtr = new Int32Array(cols + 1);
    const rowIdx = new Int32Array(nonzeros);
    const values = new Float64Array(nonzeros);
    let position = 0;
    let at = 0;
    for (let level = 0; level < colLevels; level++) {
      const first = at;
      while (at < count && pairs.colLevels[order[at]] === level) at++;
      for (let c = 0; c < sj; c++) {
        for (let o = first; o < at; o++) {
          const pair = order[o];
          for (let r = 0; r < si; r++) {
            rowIdx[position] = pairs.rowLevels[pair] * si + r;
            values[position++] = pairs.values[pair * size + r + c * si];
          }
        }
        colPtr[level * sj + c + 1] = position;
      }
    }
    return createSparseCscBlock(rows, cols, colPtr, rowIdx, values);
  }
  const block = createDenseBlock(rows, cols);
  for (const pair of order) {
    const row = pairs.rowLevels[pair];
    const col = pairs.colLevels[pair];
    for (let c = 0; c < sj; c++) {
      for (let r = 0; r < si; r++) {
        block.values[(col * sj + c) * rows + row * si + r] = pairs.values[pair * size + r + c * si];
      }
    }
  }
  return block;
}
