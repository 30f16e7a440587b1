import { type ConditionedSpdMatrix, conditionedSpdMatrix } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { symmetricEigen } from "../factor/symmetric-eigen";
import { analyzeSparseCholesky } from "../sparse/analyze-sparse-cholesky";
import { createSparseCholeskyFactor, factorSparseCholesky } from "../sparse/sparse-cholesky-factor";
import { sparseCholeskyLogDet, sparseCholeskySolve } from "../sparse/sparse-cholesky-solve";
import { logdetFromCholesky } from "./logdet";
import { potrf } from "./potrf";
import { createRandom, frobeniusNorm } from "./random-matrices";
import { referencePotrf } from "./reference";
import { trsm } from "./trsm";

/**
 * The kernels on matrices with a prescribed spectrum (condition numbers κ up to 1e12, from
 * testkit's `conditionedSpdMatrix`), against the spectrum itself: what is backward stable must
 * stay within c·n·ε whatever κ is, and forward errors may grow only like c·n·ε·κ.
 */
const eps = Number.EPSILON;
const settings = { numRuns: 60 } as const;
// Orders past the Cholesky's 64-order leaf, so the recursive path is conditioned too.
const draws = conditionedSpdMatrix({ maxOrder: 90, scaleExponent: 30 });

function lowerFactor({ n, matrix }: ConditionedSpdMatrix): Float64Array {
  const l = Float64Array.from(matrix);
  expect(potrf(n, l, 0, n)).toBe(-1);
  for (let j = 1; j < n; j++) for (let i = 0; i < j; i++) l[i + j * n] = 0;
  return l;
}

function norm2(values: Float64Array): number {
  return frobeniusNorm(values);
}

describe("dense kernels on matrices with condition numbers up to 1e12", () => {
  it("potrf: backward error ≤ c·n·ε·‖A‖ independent of κ; forward error against the reference ≤ c·n·ε·κ·‖L‖", () => {
    fc.assert(
      fc.property(draws, (draw) => {
        const { n, matrix, condition } = draw;
        const l = lowerFactor(draw);
        const residual = new Float64Array(n * n);
        for (let j = 0; j < n; j++) {
          for (let i = 0; i < n; i++) {
            let sum = 0;
            for (let p = 0; p <= Math.min(i, j); p++) sum += l[i + p * n] * l[j + p * n];
            residual[i + j * n] = sum - matrix[i + j * n];
          }
        }
        expect(norm2(residual)).toBeLessThanOrEqual(4 * n * eps * norm2(matrix));
        const slow = Float64Array.from(matrix);
        expect(referencePotrf(n, slow, 0, n)).toBe(-1);
        let worst = 0;
        for (let j = 0; j < n; j++) {
          for (let i = j; i < n; i++)
            worst = Math.max(worst, Math.abs(l[i + j * n] - slow[i + j * n]));
        }
        expect(worst).toBeLessThanOrEqual(4 * n * eps * condition * norm2(l));
      }),
      settings,
    );
  });

  it("potrf + trsm solve A·x = b with relative error ≤ c·n·ε·κ, and log det matches Σ log λ", () => {
    fc.assert(
      fc.property(draws, fc.integer(), (draw, seed) => {
        const { n, matrix, eigenvalues, condition } = draw;
        const random = createRandom(seed);
        const truth = Float64Array.from({ length: n }, () => 2 * random() - 1);
        const x = new Float64Array(n);
        for (let j = 0; j < n; j++)
          for (let i = 0; i < n; i++) x[i] += matrix[i + j * n] * truth[j];
        const l = lowerFactor(draw);
        trsm("left", false, n, 1, 1, l, 0, n, x, 0, n);
        trsm("left", true, n, 1, 1, l, 0, n, x, 0, n);
        const error = Float64Array.from(x, (value, i) => value - truth[i]);
        expect(norm2(error)).toBeLessThanOrEqual(8 * n * eps * condition * norm2(truth));
        let exactLogdet = 0;
        for (const lambda of eigenvalues) exactLogdet += Math.log(lambda);
        // δ log det = tr(A⁻¹·δA) with ‖δA‖ ≲ n·ε·λmax from forming A and from the factorization.
        expect(Math.abs(logdetFromCholesky(n, l, 0, n) - exactLogdet)).toBeLessThanOrEqual(
          8 * n * n * eps * condition + 8 * n * eps * Math.abs(exactLogdet),
        );
      }),
      settings,
    );
  });

  it("symmetricEigen recovers the prescribed eigenvalues within c·n·ε·λmax (Weyl)", () => {
    fc.assert(
      fc.property(conditionedSpdMatrix({ maxOrder: 24, scaleExponent: 30 }), (draw) => {
        const { n, matrix, eigenvalues } = draw;
        const values = new Float64Array(n);
        symmetricEigen(n, matrix, 0, n, values, null);
        for (let k = 0; k < n; k++) {
          expect(Math.abs(values[k] - eigenvalues[k])).toBeLessThanOrEqual(
            16 * n * eps * eigenvalues[n - 1],
          );
        }
      }),
      settings,
    );
  });

  it("the sparse Cholesky of a permuted block diagonal of conditioned blocks solves and log-dets within c·n·ε·κ", () => {
    const blocks = fc.array(conditionedSpdMatrix({ maxOrder: 12, scaleExponent: 10 }), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(blocks, fc.integer(), (parts, seed) => {
        const random = createRandom(seed);
        const n = parts.reduce((sum, part) => sum + part.n, 0);
        // A random symmetric permutation hides the block structure from the ordering.
        const position = Int32Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [position[i], position[j]] = [position[j], position[i]];
        }
        const dense = new Float64Array(n * n);
        let start = 0;
        let largest = 0;
        let smallest = Number.POSITIVE_INFINITY;
        let exactLogdet = 0;
        for (const part of parts) {
          for (let j = 0; j < part.n; j++) {
            for (let i = 0; i < part.n; i++) {
              dense[position[start + i] + position[start + j] * n] = part.matrix[i + j * part.n];
            }
          }
          for (const lambda of part.eigenvalues) exactLogdet += Math.log(lambda);
          largest = Math.max(largest, part.eigenvalues[part.n - 1]);
          smallest = Math.min(smallest, part.eigenvalues[0]);
          start += part.n;
        }
        const condition = largest / smallest;
        const colPtr = new Int32Array(n + 1);
        const rows: number[] = [];
        const values: number[] = [];
        for (let j = 0; j < n; j++) {
          for (let i = j; i < n; i++) {
            if (i === j || dense[i + j * n] !== 0) {
              rows.push(i);
              values.push(dense[i + j * n]);
            }
          }
          colPtr[j + 1] = rows.length;
        }
        const factor = createSparseCholeskyFactor(
          analyzeSparseCholesky(n, colPtr, Int32Array.from(rows)),
        );
        expect(factorSparseCholesky(factor, Float64Array.from(values))).toBe(-1);
        const truth = Float64Array.from({ length: n }, () => 2 * random() - 1);
        const b = new Float64Array(n);
        for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) b[i] += dense[i + j * n] * truth[j];
        const x = new Float64Array(n);
        sparseCholeskySolve(factor, b, x);
        const error = Float64Array.from(x, (value, i) => value - truth[i]);
        expect(norm2(error)).toBeLessThanOrEqual(8 * n * eps * condition * norm2(truth));
        expect(Math.abs(sparseCholeskyLogDet(factor) - exactLogdet)).toBeLessThanOrEqual(
          8 * n * n * eps * condition + 8 * n * eps * Math.abs(exactLogdet),
        );
      }),
      { numRuns: 40 },
    );
  });
});
