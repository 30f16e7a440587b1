import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { potrf } from "../dense/potrf";
import {
  type Block,
  blockToDense,
  createDenseBlock,
  createDiagonalBlock,
  createSparseCholeskyBlock,
  type SparseCscBlock,
} from "./block-types";
import { solveWithFactor } from "./block-vector-ops";
import { BlockedCholesky } from "./blocked-cholesky";
import { scaleInflate } from "./lambda-scaling";
import {
  createRandom,
  maxRelativeDifference,
  randomDense,
  randomSparse,
} from "./random-blocks.test-util";

/** Lower pattern (diagonal first) of diag + every pair of rows sharing a column of `source`. */
function patternOf(n: number, source: SparseCscBlock): { colPtr: Int32Array; rowIdx: Int32Array } {
  const columns: Set<number>[] = Array.from({ length: n }, (_, c) => new Set([c]));
  for (let c = 0; c < source.cols; c++) {
    for (let q = source.colPtr[c]; q < source.colPtr[c + 1]; q++) {
      for (let p = q; p < source.colPtr[c + 1]; p++) {
        columns[source.rowIdx[q]].add(source.rowIdx[p]);
      }
    }
  }
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  columns.forEach((set, c) => {
    rows.push(...[...set].sort((a, b) => a - b));
    colPtr[c + 1] = rows.length;
  });
  return { colPtr, rowIdx: Int32Array.from(rows) };
}

/**
 * Three block rows: a positive Diagonal block (q1), a filled-in block (q2) below a sparse block,
 * and a dense last row (m). The blocked factorization with the filled-in block sparse must give
 * the dense Cholesky's log-determinant and last block, and its F = Pᵀ·L must satisfy F·Fᵀ = the
 * block's Schur complement (checked through solves).
 */
describe("a sparse-cholesky diagonal block inside the blocked factorization", () => {
  it("matches the dense Cholesky of the assembled matrix", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 4, max: 30 }),
        fc.integer({ min: 2, max: 25 }),
        fc.integer({ min: 1, max: 4 }),
        fc.double({ min: 0.05, max: 0.4, noNaN: true }),
        (seed, q1, q2, m, density) => {
          const random = createRandom(seed);
          const a11 = createDiagonalBlock(q1);
          for (let i = 0; i < q1; i++) a11.values[i] = 1 + 3 * random();
          const a21 = randomSparse(random, q2, q1, density);
          const a22 = createDiagonalBlock(q2);
          // Diagonally dominant over what the rank update can remove (Σ a21²/a11 ≤ q1).
          for (let i = 0; i < q2; i++) a22.values[i] = q1 + random();
          const a31 = randomDense(random, m, q1);
          const a32 = randomDense(random, m, q2);
          const a33 = createDenseBlock(m, m);
          for (let i = 0; i < m; i++) a33.values[i + i * m] = 10 * (q1 + q2);
          const { colPtr, rowIdx } = patternOf(q2, a21);
          const sparse = createSparseCholeskyBlock(q2, colPtr, rowIdx);
          // Diagonal block: a22 + I (λ = 1), the way the model writes it.
          scaleInflate(sparse, a22, Float64Array.of(1), 1, new Float64Array(1));
          const l11 = createDiagonalBlock(q1);
          l11.values.set(a11.values);
          const l21: SparseCscBlock = { ...a21, values: Float64Array.from(a21.values) };
          const l31 = createDenseBlock(m, q1);
          l31.values.set(a31.values);
          const l32 = createDenseBlock(m, q2);
          l32.values.set(a32.values);
          const l33 = createDenseBlock(m, m);
          l33.values.set(a33.values);
          const blocks: Block[] = [l11, l21, sparse, l31, l32, l33];
          const cholesky = new BlockedCholesky({ size: 3, blocks });
          expect(cholesky.factorize()).toBe(true);

          // Dense reference: the assembled symmetric matrix, factored by potrf.
          const n = q1 + q2 + m;
          const dense = new Float64Array(n * n);
          const set = (r: number, c: number, v: number) => {
            dense[r + c * n] = v;
            dense[c + r * n] = v;
          };
          for (let i = 0; i < q1; i++) set(i, i, a11.values[i]);
          for (let c = 0; c < q1; c++) {
            for (let p = a21.colPtr[c]; p < a21.colPtr[c + 1]; p++)
              set(q1 + a21.rowIdx[p], c, a21.values[p]);
            for (let r = 0; r < m; r++) set(q1 + q2 + r, c, a31.values[r + c * m]);
          }
          for (let i = 0; i < q2; i++) set(q1 + i, q1 + i, a22.values[i] + 1);
          for (let c = 0; c < q2; c++)
            for (let r = 0; r < m; r++) set(q1 + q2 + r, q1 + c, a32.values[r + c * m]);
          for (let c = 0; c < m; c++)
            for (let r = 0; r < m; r++)
              dense[q1 + q2 + r + (q1 + q2 + c) * n] = a33.values[r + c * m];
          expect(potrf(n, dense, 0, n)).toBe(-1);

          // The last block is unique whatever the order inside the earlier blocks.
          const lastDense = new Float64Array(m * m);
          const lastBlocked = new Float64Array(m * m);
          for (let c = 0; c < m; c++) {
            for (let r = c; r < m; r++) {
              lastDense[r + c * m] = dense[q1 + q2 + r + (q1 + q2 + c) * n];
              lastBlocked[r + c * m] = l33.values[r + c * m];
            }
          }
          expect(maxRelativeDifference(lastBlocked, lastDense)).toBeLessThan(1e-10);
          // log det of the filled-in block's Schur complement.
          let logdetDense = 0;
          for (let i = q1; i < q1 + q2; i++) logdetDense += 2 * Math.log(dense[i + i * n]);
          const f = blockToDense(sparse);
          const symbolic = sparse.factor.symbolic;
          let logdetSparse = 0;
          for (let k = 0; k < q2; k++)
            logdetSparse += 2 * Math.log(f[symbolic.permutation[k] + k * q2]);
          expect(Math.abs(logdetSparse - logdetDense)).toBeLessThan(
            1e-10 * Math.max(1, Math.abs(logdetDense)),
          );
          // F·Fᵀ = S (the dense factor's block times its transpose): solve F x = S e_j, then
          // Fᵀ y = x must give e_j back.
          const x = new Float64Array(q2);
          for (let j = 0; j < q2; j++) {
            for (let r = 0; r < q2; r++) {
              let sum = 0;
              for (let k = 0; k <= Math.min(r, j); k++)
                sum += dense[q1 + r + (q1 + k) * n] * dense[q1 + j + (q1 + k) * n];
              x[r] = sum;
            }
            solveWithFactor(sparse, false, x, 0);
            solveWithFactor(sparse, true, x, 0);
            const unit = new Float64Array(q2);
            unit[j] = 1;
            expect(maxRelativeDifference(x, unit)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
