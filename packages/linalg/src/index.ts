// Dense kernels (column-major, explicit leading dimensions and offsets).
export { gemm } from "./dense/gemm";
export { denseKernelBackend } from "./dense/kernel-backend";
export { logdetFromBlockCholesky, logdetFromCholesky } from "./dense/logdet";
export { potrf } from "./dense/potrf";
export { syrk } from "./dense/syrk";
export { trsm, trsv } from "./dense/trsm";
// Factorizations (pivoted QR, symmetric eigen).
export { pivotedQr, qrApplyQ, qrRank } from "./factor/pivoted-qr";
export { symmetricEigen } from "./factor/symmetric-eigen";
// Sparse symmetric Cholesky (supernodal, right-looking) with a minimum-degree ordering.
export {
  analyzeSparseCholesky,
  type SparseCholeskyOptions,
  type SparseCholeskySymbolic,
} from "./sparse/analyze-sparse-cholesky";
export type { DenseRootBatch } from "./sparse/dense-root-batch";
export { minimumDegreeOrdering } from "./sparse/minimum-degree-ordering";
export {
  sparseCholeskyCostEstimate,
  sparseCholeskyFlopRatioLowerBound,
} from "./sparse/sparse-cholesky-cost";
export {
  createSparseCholeskyFactor,
  factorSparseCholesky,
  type SparseCholeskyFactor,
} from "./sparse/sparse-cholesky-factor";
export {
  sparseCholeskyBackwardSolve,
  sparseCholeskyForwardSolve,
  sparseCholeskyLogDet,
  sparseCholeskySolve,
} from "./sparse/sparse-cholesky-solve";
// Block matrices and the blocked Cholesky (see blocks/).
export {
  type Block,
  BlockedCholesky,
  type BlockedLowerMatrix,
  type BlockKind,
  blockIndex,
  blockToDense,
  type CholeskyKernel,
  cholUnblocked,
  cloneBlockStructure,
  copyBlock,
  createDenseBlock,
  createDiagonalBlock,
  createSparseCholeskyBlock,
  createSparseCscBlock,
  createUniformBlockDiagonalBlock,
  type DenseBlock,
  type DiagonalBlock,
  lmulLambdaTranspose,
  type MulSubtractKernel,
  mulSubtract,
  prepareMulSubtract,
  prepareRankUpdate,
  prepareRdiv,
  type RankUpdateKernel,
  type RdivKernel,
  rankUpdate,
  rdivLowerTranspose,
  resolveCholesky,
  resolveMulSubtract,
  resolveRankUpdate,
  resolveRdiv,
  rmulLambda,
  scaleInflate,
  type SparseCholeskyBlock,
  type SparseCscBlock,
  solveWithFactor,
  subtractBlockProduct,
  type UniformBlockDiagonalBlock,
} from "./blocks/index";
