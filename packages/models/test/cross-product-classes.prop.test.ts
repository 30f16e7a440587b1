import { createDenseBlock } from "@mixedmodels/linalg";
import { equalRows, type RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { mulberry32 } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeFixedGram, writeFixedTermProduct } from "../src/cross-product";

// [X y]ᵀZ_j and Xᵀy from X's classes of equal rows (integer X and z, no weights) must be the per-row
// data-order sums bit for bit, sign of zero included; anything else falls back to those sums.

const caseArb = fc.record({
  n: fc.integer({ min: 1, max: 200 }),
  p: fc.integer({ min: 1, max: 6 }),
  distinct: fc.integer({ min: 1, max: 12 }),
  levels: fc.integer({ min: 1, max: 15 }),
  s: fc.integer({ min: 1, max: 3 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  xKind: fc.constantFrom("indicator", "integer", "negative-zero", "fraction", "huge"),
  zKind: fc.constantFrom("ones", "integer", "fraction"),
});

describe("writeFixedTermProduct from X's classes of equal rows", () => {
  it("equals the per-row sums bit for bit", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const next = mulberry32(c.seed);
        const { n, p, s, levels } = c;
        const value = (): number => {
          switch (c.xKind) {
            case "indicator":
              return next() < 0.5 ? 0 : 1;
            case "integer":
              return Math.floor(next() * 7) - 3;
            case "negative-zero":
              return next() < 0.5 ? -0 : 2;
            case "fraction":
              return Math.floor(next() * 4) / 3;
            default:
              return 2 ** 40 * Math.floor(next() * 5);
          }
        };
        const rows = Array.from({ length: c.distinct }, () => Array.from({ length: p }, value));
        const x = new Float64Array(n * p);
        for (let t = 0; t < n; t++) {
          const row = rows[Math.floor(next() * c.distinct)];
          for (let r = 0; r < p; r++) x[r * n + t] = row[r];
        }
        const z = Float64Array.from({ length: n * s }, () =>
          c.zKind === "ones" ? 1 : c.zKind === "integer" ? Math.floor(next() * 5) - 2 : next(),
        );
        // Integer y makes exact cancellations to zero; -0 in y tests the sign of zero sums.
        const y = Float64Array.from({ length: n }, () =>
          c.zKind === "integer"
            ? next() < 0.2
              ? -0
              : Math.floor(next() * 5) - 2
            : next() * 10 - 5,
        );
        const refs = Int32Array.from({ length: n }, () => Math.floor(next() * levels));
        const term = {
          s,
          z,
          refs,
          levels: Array.from({ length: levels }, (_, i) => `${i}`),
        } as unknown as RandomEffectsMatrix;
        const classes = equalRows(x, n, p, n);
        const run = (withClasses: boolean) => {
          const target = createDenseBlock(p + 1, levels * s);
          target.values.fill(Number.NaN);
          const fixed = { n, p, x, y, classes: withClasses ? classes : null };
          writeFixedTermProduct(fixed, term, null, target, new Float64Array(n * s));
          return target.values;
        };
        const expected = run(false);
        const actual = run(true);
        for (let i = 0; i < expected.length; i++) {
          expect(Object.is(actual[i], expected[i])).toBe(true);
        }
        const gram = (withClasses: boolean) => {
          const target = createDenseBlock(p + 1, p + 1);
          const fixed = { n, p, x, y, classes: withClasses ? classes : null };
          writeFixedGram(fixed, null, target);
          return target.values;
        };
        const expectedGram = gram(false);
        const actualGram = gram(true);
        for (let i = 0; i < expectedGram.length; i++) {
          expect(Object.is(actualGram[i], expectedGram[i])).toBe(true);
        }
      }),
      { seed: 1717, numRuns: 500 },
    );
  });
});
