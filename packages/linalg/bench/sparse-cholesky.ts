import { potrf } from "../src/dense/potrf";
import { analyzeSparseCholesky } from "../src/sparse/analyze-sparse-cholesky";
import {
  createSparseCholeskyFactor,
  factorSparseCholesky,
  sparseCholeskyCostEstimate,
} from "../src/sparse/sparse-cholesky-factor";
import { syntheticCrossedBlock } from "../src/sparse/synthetic-crossed-block";
import { timeBest } from "./timing";

/**
 * Sparse vs dense Cholesky of the synthetic InstEval-like instructor block (1128×1128, ~20% of
 * off-diagonal entries nonzero), timed alternately so machine load hits both alike.
 */
export function benchSparseCholesky(): void {
  const block = syntheticCrossedBlock(1);
  const n = block.n;
  const started = performance.now();
  const symbolic = analyzeSparseCholesky(n, block.colPtr, block.rowIdx);
  const analyzeMs = performance.now() - started;
  const factor = createSparseCholeskyFactor(symbolic);
  const estimate = sparseCholeskyCostEstimate(symbolic);
  const offDiagonal = (block.rowIdx.length - n) / ((n * (n - 1)) / 2);
  console.log(
    `sparse-chol insteval-d-block: n=${n}, ${(100 * offDiagonal).toFixed(1)}% off-diagonal nonzeros, ` +
      `L holds ${(100 * estimate.fillFraction).toFixed(1)}% of the dense triangle, ` +
      `${(symbolic.multiplyAdds / 1e6).toFixed(1)} M multiply-adds (dense ${((n * n * n) / 6e6).toFixed(0)} M), ` +
      `${symbolic.supernodeCount} supernodes, analysis ${analyzeMs.toFixed(0)} ms`,
  );
  const dense = new Float64Array(n * n);
  let sparseMs = Number.POSITIVE_INFINITY;
  let denseMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 4; round++) {
    sparseMs = Math.min(
      sparseMs,
      timeBest(
        () => {},
        () => factorSparseCholesky(factor, block.values),
      ),
    );
    denseMs = Math.min(
      denseMs,
      timeBest(
        () => dense.set(block.dense),
        () => potrf(n, dense, 0, n),
      ),
    );
  }
  console.log(`sparse-chol insteval-d-block: ${sparseMs.toFixed(1)} ms`);
  console.log(`potrf n=${n} (same matrix): ${denseMs.toFixed(1)} ms`);
}
