import { type Block, blockIndex, cloneBlockStructure, createDenseBlock } from "@mixedmodels/linalg";
import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

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
 * kinds; a diagonal block whose term has an earlier term not nested in it fills in and becomes
 * dense, and so do the blocks below it; the [X y] block row is dense.
 */
export function createFactorStorage(
  crossProduct: readonly Block[],
  reterms: readonly RandomEffectsMatrix[],
): { blocks: Block[]; filledIn: boolean[] } {
  const k = reterms.length;
  const filledIn = reterms.map((term, i) => {
    for (let j = 0; j < i; j++) if (!isNested(reterms[j], term)) return true;
    return false;
  });
  const blocks: Block[] = [];
  for (let i = 0; i <= k; i++) {
    for (let j = 0; j <= i; j++) {
      const source = crossProduct[blockIndex(i, j)];
      const dense = i === k || (i === j ? filledIn[i] : filledIn[j]);
      blocks.push(dense ? createDenseBlock(source.rows, source.cols) : cloneBlockStructure(source));
    }
  }
  return { blocks, filledIn };
}
