import type { SparseCholeskySymbolic } from "./analyze-sparse-cholesky";

/**
 * Flop estimates for choosing between sparse and dense factorization of the same block: the
 * sparse count Σ c_j², the dense count of an n×n potrf (Σ_{c≤n} c² ≈ n³/3), their ratio, and the
 * stored fraction of the dense lower triangle. The sparse factorization runs at a lower flop
 * rate than dense potrf (scattered updates), so it pays off when flopRatio is below roughly
 * 0.3–0.4; on an InstEval-like block (ratio 0.25) it takes about half the dense time.
 */
export function sparseCholeskyCostEstimate(symbolic: SparseCholeskySymbolic): {
  sparseFlops: number;
  denseFlops: number;
  flopRatio: number;
  fillFraction: number;
} {
  const n = symbolic.n;
  const denseFlops = (n * (n + 1) * (2 * n + 1)) / 6;
  return {
    sparseFlops: symbolic.flops,
    denseFlops,
    flopRatio: denseFlops === 0 ? 0 : symbolic.flops / denseFlops,
    fillFraction: n === 0 ? 0 : symbolic.nnzL / ((n * (n + 1)) / 2),
  };
}

/**
 * A lower bound on `sparseCholeskyCostEstimate(...).flopRatio` from the pattern alone, before
 * any ordering: whatever the ordering, L holds at least the `lowerEntries` entries of A's lower
 * triangle (diagonal included), so the column counts c_j sum to at least that and, by
 * Cauchy–Schwarz, Σ c_j² ≥ lowerEntries² / n. A pattern holding a fraction f of the triangle
 * thus cannot do better than about 0.75·f² of the dense flops; the caller can skip the ordering
 * (the costly part of the analysis) when the bound already exceeds its threshold.
 */
export function sparseCholeskyFlopRatioLowerBound(n: number, lowerEntries: number): number {
  if (n === 0) return 0;
  const denseFlops = (n * (n + 1) * (2 * n + 1)) / 6;
  return (lowerEntries * lowerEntries) / n / denseFlops;
}
