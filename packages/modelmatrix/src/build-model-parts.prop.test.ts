import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "./build-model-parts";
import type { ContrastType } from "./contrasts/contrast";

const settings = { numRuns: 200 };

type Sample = {
  readonly y: number[];
  readonly x: number[];
  readonly a: string[];
  readonly b: string[];
  readonly g: string[];
};

/** Every level of a, b and g occurs (the first rows cycle through them); y is never constant. */
const sampleArbitrary: fc.Arbitrary<Sample> = fc
  .record({
    n: fc.integer({ min: 12, max: 40 }),
    aLevels: fc.integer({ min: 2, max: 4 }),
    bLevels: fc.integer({ min: 2, max: 3 }),
    gLevels: fc.integer({ min: 2, max: 5 }),
  })
  .chain(({ n, aLevels, bLevels, gLevels }) =>
    fc.record({
      y: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }),
      x: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: n, maxLength: n }),
      a: fc.array(fc.integer({ min: 0, max: aLevels - 1 }), { minLength: n, maxLength: n }),
      b: fc.array(fc.integer({ min: 0, max: bLevels - 1 }), { minLength: n, maxLength: n }),
      g: fc.array(fc.integer({ min: 0, max: gLevels - 1 }), { minLength: n, maxLength: n }),
      sizes: fc.constant({ aLevels, bLevels, gLevels }),
    }),
  )
  .map(({ y, x, a, b, g, sizes }) => ({
    y: y.map((v, i) => v + i / 7),
    x,
    a: a.map((v, i) => `a${i < sizes.aLevels ? i : v}`),
    b: b.map((v, i) => `b${i < sizes.bLevels ? i : v}`),
    g: g.map((v, i) => `g${i < sizes.gLevels ? i : v}`),
  }));

const levelCount = (values: readonly string[]) => new Set(values).size;

/** Row i of the column-major n×p matrix. */
const rowOf = (data: Float64Array, n: number, p: number, i: number) =>
  Array.from({ length: p }, (_, j) => data[j * n + i]);

describe("buildModelParts properties", () => {
  it("X has as many columns as the sum over terms of the products of contrast ranks", () => {
    const termsArbitrary = fc.subarray(["a", "b", "x", "a:b", "a:x"], { minLength: 1 });
    const contrastArbitrary = fc.constantFrom<ContrastType>(
      "treatment",
      "sum",
      "helmert",
      "seqdiff",
    );
    fc.assert(
      fc.property(sampleArbitrary, termsArbitrary, contrastArbitrary, (sample, chosen, coding) => {
        // Interactions only with their margins, so every factor gets contrasts (rank L − 1).
        const terms = chosen.filter((t) => t.split(":").every((f) => chosen.includes(f)));
        if (terms.length === 0) return;
        const parts = buildModelParts(`y ~ ${terms.join(" + ")} + (1 | g)`, sample, {
          contrasts: { a: coding, b: coding },
        });
        const rank = (factor: string) =>
          factor === "x" ? 1 : levelCount(sample[factor as "a" | "b"]) - 1;
        const expected =
          1 + terms.reduce((total, t) => total + t.split(":").reduce((p, f) => p * rank(f), 1), 0);
        expect(parts.X.allNames).toHaveLength(expected);
      }),
      settings,
    );
  });

  it("permuting the rows permutes X, y and the grouping refs the same way", () => {
    const withPermutation = sampleArbitrary.chain((sample) =>
      fc
        .array(fc.nat(), { minLength: sample.y.length, maxLength: sample.y.length })
        .map((keys) => ({
          sample,
          order: keys
            .map((key, i) => ({ key, i }))
            .sort((p, q) => p.key - q.key || p.i - q.i)
            .map((e) => e.i),
        })),
    );
    fc.assert(
      fc.property(withPermutation, ({ sample, order }) => {
        const permuted: Sample = {
          y: order.map((i) => sample.y[i]),
          x: order.map((i) => sample.x[i]),
          a: order.map((i) => sample.a[i]),
          b: order.map((i) => sample.b[i]),
          g: order.map((i) => sample.g[i]),
        };
        const formula = "y ~ a * x + b + (1 + x | g)";
        const original = buildModelParts(formula, sample, { kind: "glmm" });
        const moved = buildModelParts(formula, permuted, { kind: "glmm" });
        expect(moved.X.allNames).toEqual(original.X.allNames);
        expect(Array.from(moved.X.kept)).toEqual(Array.from(original.X.kept));
        const { n, p } = original.X;
        const [re, movedRe] = [original.reterms[0], moved.reterms[0]];
        order.forEach((from, to) => {
          expect(moved.y[to]).toBe(original.y[from]);
          expect(rowOf(moved.X.data, n, p, to)).toEqual(rowOf(original.X.data, n, p, from));
          expect(movedRe.levels[movedRe.refs[to]]).toBe(re.levels[re.refs[from]]);
          expect(movedRe.z[to * 2 + 1]).toBe(re.z[from * 2 + 1]);
        });
      }),
      settings,
    );
  });

  it("scaling a numeric column scales its X columns exactly", () => {
    const factorArbitrary = fc.constantFrom(2, 0.5, -4, 3, 1e-3);
    fc.assert(
      fc.property(sampleArbitrary, factorArbitrary, (sample, c) => {
        const formula = "y ~ x + x:a + (1 | g)";
        const base = buildModelParts(formula, sample);
        const scaled = buildModelParts(formula, { ...sample, x: sample.x.map((v) => v * c) });
        expect(scaled.X.allNames).toEqual(base.X.allNames);
        const n = base.n;
        base.X.allNames.forEach((name, j) => {
          if (
            name === "(Intercept)" ||
            !base.X.names.includes(name) ||
            !scaled.X.names.includes(name)
          )
            return;
          const kb = base.X.names.indexOf(name);
          const ks = scaled.X.names.indexOf(name);
          for (let t = 0; t < n; t++) {
            expect(scaled.X.data[ks * n + t]).toBe(base.X.data[kb * n + t] * c);
          }
          expect(j).toBeGreaterThan(0);
        });
      }),
      settings,
    );
  });

  it("for a scalar term, the diagonal of Z'Z is the level counts", () => {
    fc.assert(
      fc.property(sampleArbitrary, (sample) => {
        const [re] = buildModelParts("y ~ x + (1 | g)", sample).reterms;
        const diagonal = new Float64Array(re.levels.length);
        re.refs.forEach((level, t) => {
          diagonal[level] += re.z[t] * re.z[t];
        });
        re.levels.forEach((level, l) => {
          expect(diagonal[l]).toBe(sample.g.filter((v) => v === level).length);
        });
      }),
      settings,
    );
  });

  it("with full dummy coding every row of X and of z sums to 1", () => {
    fc.assert(
      fc.property(sampleArbitrary, (sample) => {
        const parts = buildModelParts("y ~ 0 + a + (0 + b | a)", sample, { kind: "glmm" });
        const { n, p, data } = parts.X;
        expect(p).toBe(levelCount(sample.a));
        for (let t = 0; t < n; t++) expect(rowOf(data, n, p, t).reduce((s, v) => s + v, 0)).toBe(1);
        const [re] = parts.reterms;
        expect(re.s).toBe(levelCount(sample.b));
        for (let t = 0; t < n; t++) {
          let sum = 0;
          for (let r = 0; r < re.s; r++) sum += re.z[t * re.s + r];
          expect(sum).toBe(1);
        }
      }),
      settings,
    );
  });
});
