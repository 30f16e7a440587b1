import {
  type Block,
  blockIndex,
  cloneBlockStructure,
  createDenseBlock,
  createSparseCholeskyBlock,
  sparseCholeskyCostEstimate,
  sparseCholeskyFlopRatioLowerBound,
} from "@mixedmodels/linalg";
import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { filledBlockPattern } from "./filled-block-pattern";

/**
 * Filled-in diagonal blocks smaller than this stay dense: the ordering and the supernodal
 * bookkeeping cannot pay for themselves there.
 */
export const SPARSE_FACTOR_MIN_ORDER = 200;
/**
 * Nor larger than this: the exact minimum-degree ordering keeps an n×n bit matrix. (A dense
 * block of this order is already 800 MB.)
 */
export const SPARSE_FACTOR_MAX_ORDER = 10000;
/**
 * The sparse factorization runs at a lower rate than the dense potrf (indirect updates, small
 * supernodes), so it is chosen when its flop count is below this fraction of the dense one.
 */
export const SPARSE_FACTOR_FLOP_RATIO = 0.3;

/** When a filled-in diagonal block of L is factored sparse (see `createFactorStorage`). */
export type SparseFactorPolicy = "auto" | "never" | "always";

/** How the diagonal block of one term's row of L is stored and factored. */
export interface FactorChoice {
  /** "diagonal", "block-diagonal" (not filled in), "dense" or "sparse" (supernodal Cholesky). */
  readonly storage: "diagonal" | "block-diagonal" | "dense" | "sparse";
  /** Flops of the dense factorization (n³/3) for a filled-in block, else 0. */
  readonly denseFlops: number;
  /** Flops of the sparse factorization with the minimum-degree ordering, if it was analysed. */
  readonly sparseFlops: number | null;
  /** Fraction of the dense lower triangle the sparse factor holds, if analysed. */
  readonly fillFraction: number | null;
}

/**
 * Whether grouping factor `inner` is nested in `outer`: every level of `inner` occurs with
 * exactly one level of `outer`. One pass over the observations.
 */
export function isNested(inner: RandomEffectsMatrix, outer: RandomEffectsMatrix): boolean {
  const partner = new Int32Array(inner.levels.length).fill(-1);
  for (let t = 0; t < inner.refs.length; t++) {
    const level = inner.refs[t];
    const other = outer.refs[t];
    if (partner[level] === -1) partner[level] = other;
    else if (partner[level] !== other) return false;
  }
  return true;
}

/**
 * Storage for the blocked factor L, chosen once (MixedModels.jl's createAL): blocks start as A's
 * kinds; a diagonal block whose term has an earlier term not nested in it fills in, and so do the
 * blocks below it, which become dense. A filled-in diagonal block is factored by the sparse
 * supernodal Cholesky (fill-reducing ordering, symbolic analysis here) when every block left of
 * it is sparse or diagonal and its estimated flops beat the dense factorization clearly; else it
 * is dense. The [X y] block row is dense. `sparseFactor`: "auto" (default) as just described,
 * "never" (filled-in blocks dense), "always" (sparse whenever the structure allows, any size).
 */
export function createFactorStorage(
  crossProduct: readonly Block[],
  reterms: readonly RandomEffectsMatrix[],
  options: {
    sparseFactor?: SparseFactorPolicy;
    /** Whether term `inner` is nested in term `outer`; default `isNested` on the terms' refs. */
    nested?: (inner: number, outer: number) => boolean;
  } = {},
): { blocks: Block[]; filledIn: boolean[]; choices: FactorChoice[] } {
  const k = reterms.length;
  const nested = options.nested ?? ((inner, outer) => isNested(reterms[inner], reterms[outer]));
  const filledIn = reterms.map((_term, i) => {
    for (let j = 0; j < i; j++) if (!nested(j, i)) return true;
    return false;
  });
  const choices: FactorChoice[] = [];
  const blocks: Block[] = [];
  for (let i = 0; i <= k; i++) {
    let diagonal: Block | null = null;
    if (i < k) {
      const choice = chooseDiagonalStorage(crossProduct, reterms, filledIn, i, options);
      choices.push(choice.choice);
      diagonal = choice.block;
    }
    for (let j = 0; j <= i; j++) {
      const source = crossProduct[blockIndex(i, j)];
      if (i === j && diagonal !== null) {
        blocks.push(diagonal);
        continue;
      }
      const dense = i === k || (i === j ? filledIn[i] : filledIn[j]);
      blocks.push(dense ? createDenseBlock(source.rows, source.cols) : cloneBlockStructure(source));
    }
  }
  return { blocks, filledIn, choices };
}

function chooseDiagonalStorage(
  crossProduct: readonly Block[],
  reterms: readonly RandomEffectsMatrix[],
  filledIn: readonly boolean[],
  i: number,
  options: { sparseFactor?: SparseFactorPolicy },
): { choice: FactorChoice; block: Block | null } {
  const source = crossProduct[blockIndex(i, i)];
  const n = source.rows;
  if (!filledIn[i]) {
    const storage = source.kind === "diagonal" ? "diagonal" : "block-diagonal";
    return {
      choice: { storage, denseFlops: 0, sparseFlops: null, fillFraction: null },
      block: null,
    };
  }
  const denseFlops = (n * (n + 1) * (2 * n + 1)) / 6;
  const dense = {
    choice: { storage: "dense", denseFlops, sparseFlops: null, fillFraction: null } as const,
    block: null,
  };
  const policy = options.sparseFactor ?? "auto";
  if (policy === "never") return dense;
  if (policy === "auto" && (n < SPARSE_FACTOR_MIN_ORDER || n > SPARSE_FACTOR_MAX_ORDER)) {
    return dense;
  }
  // Σ L[i,j]·L[i,j]ᵀ stays sparse only if every block left of this one does: none of the
  // earlier terms filled in (their blocks below would be dense) and A's blocks sparse/diagonal.
  const left: Block[] = [];
  for (let j = 0; j < i; j++) {
    const block = crossProduct[blockIndex(i, j)];
    if (filledIn[j] || (block.kind !== "sparse-csc" && block.kind !== "diagonal")) return dense;
    left.push(block);
  }
  const { colPtr, rowIdx } = filledBlockPattern(n, reterms[i].s, left);
  // L holds at least this pattern: when that alone rules the sparse factor out, skip the ordering.
  const ratioBound = sparseCholeskyFlopRatioLowerBound(n, colPtr[n]);
  if (policy === "auto" && ratioBound >= SPARSE_FACTOR_FLOP_RATIO) return dense;
  // The block's own symbolic analysis gives the cost estimate, so the ordering runs once.
  const block = createSparseCholeskyBlock(n, colPtr, rowIdx);
  const cost = sparseCholeskyCostEstimate(block.factor.symbolic);
  const analysed = {
    denseFlops,
    sparseFlops: cost.sparseFlops,
    fillFraction: cost.fillFraction,
  };
  if (policy === "auto" && cost.flopRatio >= SPARSE_FACTOR_FLOP_RATIO) {
    return { choice: { storage: "dense", ...analysed }, block: null };
  }
  return { choice: { storage: "sparse", ...analysed }, block };
}
