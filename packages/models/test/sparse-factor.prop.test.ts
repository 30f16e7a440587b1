import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";

// Crossed designs sparse enough (at most 10% of level pairs observed) that A's off-diagonal
// block is sparse, so the filled-in diagonal block can take the sparse supernodal Cholesky
// (n > 2·levels keeps the vector-valued terms identifiable).
const formulas = [
  "y ~ 1 + x + (1 | a) + (1 | b)",
  "y ~ 1 + x + (1 | a) + (1 | b) + (1 | c)",
  "y ~ 1 + x + (1 + x | a) + (1 | b)",
  "y ~ 1 + x + (1 | a) + (1 + x | b)",
  "y ~ 1 + x + (1 + x | a) + (1 + x | b)",
];

const designArb = fc.record({
  formula: fc.constantFrom(...formulas),
  levelsA: fc.integer({ min: 30, max: 36 }),
  levelsB: fc.integer({ min: 30, max: 36 }),
  n: fc.integer({ min: 73, max: 90 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
  theta: fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 8, maxLength: 8 }),
  offDiagonal: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), {
    minLength: 8,
    maxLength: 8,
  }),
});

function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    difference = Math.max(difference, Math.abs(a[i] - b[i]));
  }
  return difference / Math.max(scale, 1e-300);
}

describe("the sparse factorization of a filled-in block matches the dense one", () => {
  it("objective, conditional modes, fixed effects, condVar and leverage on random crossed designs", () => {
    fc.assert(
      fc.property(designArb, (design) => {
        const { n } = design;
        let state = design.seed;
        const random = () => {
          state = (state * 16807) % 2147483647;
          return state / 2147483647;
        };
        const data = {
          y: Array.from({ length: n }, () => 5 * random()),
          x: Array.from({ length: n }, () => 2 * random() - 1),
          // Every level occurs at least once; the rest of the rows pick levels at random.
          a: Array.from(
            { length: n },
            (_, t) => `a${t < design.levelsA ? t : Math.floor(random() * design.levelsA)}`,
          ),
          b: Array.from(
            { length: n },
            (_, t) =>
              `b${t < design.levelsB ? design.levelsB - 1 - t : Math.floor(random() * design.levelsB)}`,
          ),
          c: Array.from({ length: n }, (_, t) => `c${t % 3}`),
        };
        const sparse = LinearMixedModel.fromFormula(design.formula, data, {
          sparseFactor: "always",
        });
        const dense = LinearMixedModel.fromFormula(design.formula, data, { sparseFactor: "never" });
        const storage = sparse.blockDescription().factorization.map((row) => row.storage);
        expect(storage).toContain("sparse");
        expect(dense.blockDescription().factorization.map((row) => row.storage)).not.toContain(
          "sparse",
        );
        const theta = Float64Array.from(sparse.lowerbd, (bound, i) =>
          bound === 0 ? design.theta[i] : design.offDiagonal[i],
        );
        const expected = dense.objectiveAt(theta);
        expect(Math.abs(sparse.objectiveAt(theta) - expected)).toBeLessThanOrEqual(
          1e-10 * Math.abs(expected),
        );
        sparse.setTheta(theta);
        dense.setTheta(theta);
        expect(relativeDifference(sparse.fixef(), dense.fixef())).toBeLessThan(1e-8);
        sparse.ranef().forEach((table, j) => {
          expect(table.levels).toEqual(dense.ranef()[j].levels);
          expect(relativeDifference(table.values, dense.ranef()[j].values)).toBeLessThan(1e-8);
        });
        sparse.condVar().forEach((table, j) => {
          expect(relativeDifference(table.values, dense.condVar()[j].values)).toBeLessThan(1e-8);
        });
        expect(relativeDifference(sparse.leverage(), dense.leverage())).toBeLessThan(1e-8);
      }),
      { numRuns: 200 },
    );
  });
});
