import { DimensionMismatchError, NotPositiveDefiniteError } from "@mixedmodels/core";
import type { Block, DenseBlock } from "./block-types";
import { type CholeskyKernel, resolveCholesky } from "./chol-unblocked";
import { type MulSubtractKernel, prepareMulSubtract } from "./mul-subtract";
import { prepareRankUpdate, type RankUpdateKernel } from "./rank-update";
import { prepareRdiv, type RdivKernel } from "./rdiv-lower-transpose";
import { prepareStackedRdivBySparseCholesky } from "./sparse-cholesky-kernels";

/**
 * A symmetric matrix stored as the lower triangle of a square grid of blocks, packed row by row:
 * block (i, j), j ≤ i, is `blocks[blockIndex(i, j)]`.
 */
export interface BlockedLowerMatrix {
  /** Number of block rows (= block columns). */
  readonly size: number;
  readonly blocks: readonly Block[];
}

/** Position of block (i, j), j ≤ i, in the packed row-major lower triangle. */
export function blockIndex(i: number, j: number): number {
  return (i * (i + 1)) / 2 + j;
}

/**
 * In-place blocked, left-looking Cholesky factorization of a `BlockedLowerMatrix`. Every kernel
 * is resolved once at construction, so `factorize` allocates nothing and a missing
 * (target, source) kernel fails early with `UnsupportedKernelError`.
 */
export class BlockedCholesky {
  readonly matrix: BlockedLowerMatrix;
  /** Block of the first non-positive pivot of the last `factorize`, else -1. */
  failedBlock = -1;
  /** Row inside `failedBlock` of that pivot, else -1. */
  failedRow = -1;
  private readonly steps: Step[];

  constructor(matrix: BlockedLowerMatrix) {
    const { size, blocks } = matrix;
    if (blocks.length !== (size * (size + 1)) / 2) {
      throw new DimensionMismatchError(
        `a blocked lower matrix of ${size} block rows needs ${(size * (size + 1)) / 2} blocks, got ${blocks.length}`,
      );
    }
    this.matrix = matrix;
    this.steps = [];
    for (let j = 0; j < size; j++) {
      const diagonal = blocks[blockIndex(j, j)];
      for (let k = 0; k < j; k++) {
        const source = blocks[blockIndex(j, k)];
        this.steps.push({
          kind: "rank",
          kernel: prepareRankUpdate(diagonal, source),
          target: diagonal,
          source,
        });
      }
      this.steps.push({
        kind: "chol",
        kernel: resolveCholesky(diagonal.kind),
        target: diagonal,
        block: j,
      });
      // Every update of the blocks below the diagonal comes first (they need only earlier block
      // columns), then the divisions by the new diagonal factor: dense blocks below a
      // sparse-cholesky factor are divided together, as one stacked block.
      for (let i = j + 1; i < size; i++) {
        const target = blocks[blockIndex(i, j)];
        for (let k = 0; k < j; k++) {
          const left = blocks[blockIndex(i, k)];
          const right = blocks[blockIndex(j, k)];
          this.steps.push({
            kind: "mul",
            kernel: prepareMulSubtract(target, left, right),
            target,
            left,
            right,
          });
        }
      }
      const below: Block[] = [];
      for (let i = j + 1; i < size; i++) below.push(blocks[blockIndex(i, j)]);
      if (diagonal.kind === "sparse-cholesky" && below.length > 1) {
        if (below.every((block) => block.kind === "dense")) {
          this.steps.push({
            kind: "stacked",
            run: prepareStackedRdivBySparseCholesky(below as DenseBlock[], diagonal),
          });
          continue;
        }
      }
      for (const target of below) {
        this.steps.push({
          kind: "rdiv",
          kernel: prepareRdiv(target, diagonal),
          target,
          factor: diagonal,
        });
      }
    }
  }

  /**
   * Factor in place, L·Lᵀ = the current contents. Returns true on success; on a non-positive pivot
   * returns false and sets `failedBlock` / `failedRow` (the factor is then incomplete).
   */
  factorize(): boolean {
    this.failedBlock = -1;
    this.failedRow = -1;
    const steps = this.steps;
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s];
      switch (step.kind) {
        case "rank":
          step.kernel(step.target, step.source);
          break;
        case "chol": {
          const row = step.kernel(step.target);
          if (row >= 0) {
            this.failedBlock = step.block;
            this.failedRow = row;
            return false;
          }
          break;
        }
        case "mul":
          step.kernel(step.target, step.left, step.right);
          break;
        case "rdiv":
          step.kernel(step.target, step.factor);
          break;
        case "stacked":
          step.run();
          break;
      }
    }
    return true;
  }

  /** `factorize`, throwing `NotPositiveDefiniteError(block, row)` on a non-positive pivot. */
  factorizeOrThrow(): void {
    if (!this.factorize()) throw new NotPositiveDefiniteError(this.failedBlock, this.failedRow);
  }
}

type Step =
  | { kind: "rank"; kernel: RankUpdateKernel; target: Block; source: Block }
  | { kind: "chol"; kernel: CholeskyKernel; target: Block; block: number }
  | { kind: "mul"; kernel: MulSubtractKernel; target: Block; left: Block; right: Block }
  | { kind: "rdiv"; kernel: RdivKernel; target: Block; factor: Block }
  | { kind: "stacked"; run: () => void };
