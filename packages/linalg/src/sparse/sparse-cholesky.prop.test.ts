import { DataError, DimensionMismatchError } from "@mixedmodels/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logdetFromCholesky } from "../dense/logdet";
import { createRandom } from "../dense/random-matrices";
import { referencePotrf } from "../dense/reference";
import { type SparseCholeskyOptions, analyzeSparseCholesky } from "./analyze-sparse-cholesky";
import { sparseCholeskyCostEstimate } from "./sparse-cholesky-cost";
import {
  createSparseCholeskyFactor,
  factorSparseCholesky,
  type SparseCholeskyFactor,
} from "./sparse-cholesky-factor";
import { sparseCholeskyLogDet, sparseCholeskySolve } from "./sparse-cholesky-solve";
import { syntheticCrossedBlock } from "./synthetic-crossed-block";

interface SparseSpd {
  n: number;
  colPtr: Int32Array;
  rowIdx: Int32Array;
  values: Float64Array;
  dense: Float64Array;
}

/** Random sparse symmetric matrix made SPD by strict diagonal dominance (lower CSC + dense). */
function randomSparseSpd(seed: number, n: number, density: number): SparseSpd {
  const random = createRandom(seed);
  const dense = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = j + 1; i < n; i++) {
      if (random() < density) {
        const value = 2 * random() - 1;
        dense[i + j * n] = value;
        dense[j + i * n] = value;
      }
    }
  }
  for (let j = 0; j < n; j++) {
    let sum = 1 + random();
    for (let i = 0; i < n; i++) if (i !== j) sum += Math.abs(dense[i + j * n]);
    dense[j * (n + 1)] = sum;
  }
  return { ...lowerCsc(n, dense), dense };
}

function lowerCsc(n: number, dense: Float64Array) {
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const values: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      if (dense[i + j * n] !== 0 || i === j) {
        rows.push(i);
        values.push(dense[i + j * n]);
      }
    }
    colPtr[j + 1] = rows.length;
  }
  return { n, colPtr, rowIdx: Int32Array.from(rows), values: Float64Array.from(values) };
}

/** L from the supernodal storage as a dense n×n lower triangle (pivot order). */
function denseFactor(factor: SparseCholeskyFactor): Float64Array {
  const s = factor.symbolic;
  const out = new Float64Array(s.n * s.n);
  for (let k = 0; k < s.supernodeCount; k++) {
    const height = s.supernodeRowPtr[k + 1] - s.supernodeRowPtr[k];
    for (let jj = 0; jj < s.supernodeStart[k + 1] - s.supernodeStart[k]; jj++) {
      for (let ii = jj; ii < height; ii++) {
        const row = s.supernodeRows[s.supernodeRowPtr[k] + ii];
        out[row + (s.supernodeStart[k] + jj) * s.n] =
          factor.values[s.supernodeValuePtr[k] + ii + jj * height];
      }
    }
  }
  return out;
}

/** Checks the sparse factor against a dense factorization of P·A·Pᵀ and a solve residual. */
function checkAgainstDense(
  matrix: SparseSpd,
  options: SparseCholeskyOptions,
): SparseCholeskyFactor {
  const { n, dense } = matrix;
  const symbolic = analyzeSparseCholesky(n, matrix.colPtr, matrix.rowIdx, options);
  const factor = createSparseCholeskyFactor(symbolic);
  // Workspaces full of NaN must not leak into the result.
  factor.values.fill(Number.NaN);
  factor.update.fill(Number.NaN);
  expect(factorSparseCholesky(factor, matrix.values)).toBe(-1);
  const p = symbolic.permutation;
  const permuted = new Float64Array(n * n);
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) permuted[i + j * n] = dense[p[i] + p[j] * n];
  expect(referencePotrf(n, permuted, 0, n)).toBe(-1);
  const sparseL = denseFactor(factor);
  let structuralNonzeros = 0;
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      const expected = permuted[i + j * n];
      if (expected !== 0) structuralNonzeros++;
      expect(Math.abs(sparseL[i + j * n] - expected)).toBeLessThanOrEqual(
        1e-12 * Math.sqrt(dense[i * (n + 1)] + 1),
      );
    }
  }
  expect(symbolic.nnzL).toBeGreaterThanOrEqual(structuralNonzeros);
  expect(sparseCholeskyLogDet(factor)).toBeCloseTo(logdetFromCholesky(n, permuted, 0, n), 9);
  const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i + 0.5));
  const x = new Float64Array(n);
  sparseCholeskySolve(factor, b, x);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += dense[i + j * n] * x[j];
    expect(Math.abs(sum - b[i])).toBeLessThanOrEqual(1e-12 * n);
  }
  return factor;
}

describe("sparse Cholesky", () => {
  it("agrees with the dense factor of P·A·Pᵀ on random sparse SPD matrices, for every ordering", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.integer(),
        fc.constantFrom("minimum-degree", "natural", "random"),
        (n, density, seed, ordering) => {
          const matrix = randomSparseSpd(seed, n, density);
          const random = createRandom(seed ^ 0x5bd1e995);
          const shuffled = Int32Array.from({ length: n }, (_, i) => i);
          for (let i = n - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
          }
          const options: SparseCholeskyOptions = {
            ordering: ordering === "random" ? shuffled : (ordering as "minimum-degree" | "natural"),
          };
          checkAgainstDense(matrix, options);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refactors new values with the same pattern into the same storage", () => {
    const first = randomSparseSpd(11, 50, 0.1);
    const symbolic = analyzeSparseCholesky(first.n, first.colPtr, first.rowIdx);
    const factor = createSparseCholeskyFactor(symbolic);
    expect(factorSparseCholesky(factor, first.values)).toBe(-1);
    const scaled = Float64Array.from(first.values, (v) => 4 * v);
    expect(factorSparseCholesky(factor, scaled)).toBe(-1);
    const fresh = createSparseCholeskyFactor(symbolic);
    factorSparseCholesky(fresh, scaled);
    expect(factor.values).toEqual(fresh.values);
    expect(sparseCholeskyLogDet(factor)).toBeCloseTo(
      sparseCholeskyLogDet(createFirst()) + 50 * Math.log(4),
      9,
    );
    function createFirst() {
      const other = createSparseCholeskyFactor(symbolic);
      factorSparseCholesky(other, first.values);
      return other;
    }
  });

  it("returns the original index of a failing pivot", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, seed, where) => {
          const matrix = randomSparseSpd(seed, n, 0.15);
          const bad = Math.min(n - 1, Math.floor(where * n));
          const diagonal = matrix.colPtr[bad];
          expect(matrix.rowIdx[diagonal]).toBe(bad);
          const values = Float64Array.from(matrix.values);
          values[diagonal] = -1e6;
          const factor = createSparseCholeskyFactor(
            analyzeSparseCholesky(n, matrix.colPtr, matrix.rowIdx),
          );
          expect(factorSparseCholesky(factor, values)).toBe(bad);
          expect(factor.status).toBe(bad);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("factors a synthetic InstEval-like block with far less work than dense and the same answer", () => {
    const block = syntheticCrossedBlock(3, 900, 340, 20, 45, 40, 0.8);
    const factor = checkAgainstDense(block, {});
    const estimate = sparseCholeskyCostEstimate(factor.symbolic);
    expect(estimate.flopRatio).toBeLessThan(0.5);
    expect(estimate.fillFraction).toBeLessThan(0.7);
    expect(estimate.denseFlops).toBe((340 * 341 * 681) / 6);
  });

  it("agrees with dense on random crossed blocks large enough for the root batch and deferral", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 200, max: 300 }),
        fc.integer({ min: 10, max: 60 }),
        (seed, instructors, cohorts) => {
          const block = syntheticCrossedBlock(
            seed,
            3 * instructors,
            instructors,
            15,
            cohorts,
            30,
            0.8,
          );
          const factor = checkAgainstDense(block, {});
          expect(factor.symbolic.nnzL).toBeLessThan((instructors * (instructors + 1)) / 2);
        },
      ),
      { numRuns: 6 },
    );
  });

  it("rejects malformed patterns with the position of the problem", () => {
    expect(() => analyzeSparseCholesky(2, Int32Array.from([0, 1]), Int32Array.from([0]))).toThrow(
      DimensionMismatchError,
    );
    expect(() =>
      analyzeSparseCholesky(2, Int32Array.from([0, 1, 3]), Int32Array.from([0, 0, 1])),
    ).toThrow(/row index 0 at position 1 of column 1/);
    expect(() =>
      analyzeSparseCholesky(2, Int32Array.from([0, 1, 2]), Int32Array.from([0, 1]), {
        ordering: Int32Array.from([1, 1]),
      }),
    ).toThrow(DataError);
  });
});
