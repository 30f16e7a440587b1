// Dense kernels (column-major, explicit leading dimensions and offsets).
export { gemm } from "./dense/gemm";
export { logdetFromCholesky } from "./dense/logdet";
export { potrf } from "./dense/potrf";
export { syrk } from "./dense/syrk";
export { trsm, trsv } from "./dense/trsm";
// Factorizations (pivoted QR, symmetric eigen).
export { pivotedQr, qrApplyQ, qrRank } from "./factor/pivoted-qr";
export { symmetricEigen } from "./factor/symmetric-eigen";
// Block matrices and the blocked Cholesky (see blocks/).
