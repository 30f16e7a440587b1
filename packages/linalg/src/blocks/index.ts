export {
  type Block,
  type BlockKind,
  blockToDense,
  cloneBlockStructure,
  createDenseBlock,
  createDiagonalBlock,
  createSparseCscBlock,
  createSparseCholeskyBlock,
  createUniformBlockDiagonalBlock,
  type DenseBlock,
  type SparseCholeskyBlock,
  type DiagonalBlock,
  type SparseCscBlock,
  type UniformBlockDiagonalBlock,
} from "./block-types";
export { solveWithFactor, subtractBlockProduct } from "./block-vector-ops";
export { BlockedCholesky, type BlockedLowerMatrix, blockIndex } from "./blocked-cholesky";
export { type CholeskyKernel, cholUnblocked, resolveCholesky } from "./chol-unblocked";
export { copyBlock } from "./copy-block";
export { lmulLambdaTranspose, rmulLambda, scaleInflate } from "./lambda-scaling";
export {
  type MulSubtractKernel,
  mulSubtract,
  prepareMulSubtract,
  resolveMulSubtract,
} from "./mul-subtract";
export {
  prepareRankUpdate,
  type RankUpdateKernel,
  rankUpdate,
  resolveRankUpdate,
} from "./rank-update";
export {
  prepareRdiv,
  type RdivKernel,
  rdivLowerTranspose,
  resolveRdiv,
} from "./rdiv-lower-transpose";
