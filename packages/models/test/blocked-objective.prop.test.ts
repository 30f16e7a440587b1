import { potrf } from "@mixedmodels/linalg";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { denseDesign, penalizedGram } from "./helpers/dense-reference";

/**
 * The profiled deviance computed densely, straight from the definition, for comparison with the
 * blocked evaluation: M = [ΛᵀZᵀZΛ + I, ΛᵀZᵀX; XᵀZΛ, XᵀX] and r² = yᵀy − cᵀM⁻¹c.
 */
function denseObjective(model: LinearMixedModel, theta: Float64Array): number {
  const design = denseDesign(model, theta);
  const { w, n, q, p } = design;
  const { y } = model.parts;
  const m = q + p;
  const gram = penalizedGram(design, m, q);
  const rhs = new Float64Array(m);
  for (let c = 0; c < m; c++) for (let t = 0; t < n; t++) rhs[c] += w[t + c * n] * y[t];
  expect(potrf(m, gram, 0, m)).toBe(-1);
  // Forward solve L·v = c; then r² = yᵀy − ‖v‖².
  const v = Float64Array.from(rhs);
  for (let j = 0; j < m; j++) {
    v[j] /= gram[j + j * m];
    for (let i = j + 1; i < m; i++) v[i] -= gram[i + j * m] * v[j];
  }
  let pwrss = 0;
  for (let t = 0; t < n; t++) pwrss += y[t] * y[t];
  for (let i = 0; i < m; i++) pwrss -= v[i] * v[i];
  let logdet = 0;
  for (let i = 0; i < q; i++) logdet += 2 * Math.log(gram[i + i * m]);
  return logdet + n * (1 + Math.log((2 * Math.PI * pwrss) / n));
}

const formulas = [
  "y ~ 1 + x + (1 | a) + (1 | b)",
  "y ~ 1 + x + (1 | a) + (1 | a:b)",
  "y ~ 1 + x + (1 | a) + (1 | a:b) + (1 | a:b:c)",
  "y ~ 1 + x + (1 | a) + (1 | b) + (1 | c)",
  "y ~ 1 + x + (1 + x | a) + (1 | b)",
  "y ~ 1 + x + (1 | a) + (1 + x | b)",
  "y ~ 1 + x + (1 + x | a) + (1 + x | b)",
  "y ~ 1 + x + (1 + x | a) + (1 | a:b)",
  "y ~ 1 + x + (1 | a) + (0 + x | a) + (1 | b)",
];

const designArb = fc.record({
  formula: fc.constantFrom(...formulas),
  levelsA: fc.integer({ min: 2, max: 5 }),
  levelsB: fc.integer({ min: 2, max: 4 }),
  levelsC: fc.integer({ min: 2, max: 3 }),
  n: fc.integer({ min: 40, max: 80 }),
  values: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 160, maxLength: 160 }),
  picks: fc.array(fc.nat(), { minLength: 240, maxLength: 240 }),
  theta: fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 8, maxLength: 8 }),
  offDiagonal: fc.array(fc.double({ min: -2, max: 2, noNaN: true }), {
    minLength: 8,
    maxLength: 8,
  }),
});

describe("the blocked evaluation equals the dense definition of the objective", () => {
  it("for crossed, nested, scalar and vector-valued terms at random θ", () => {
    fc.assert(
      fc.property(designArb, (design) => {
        const { n } = design;
        const data = {
          y: Array.from({ length: n }, (_, t) => design.values[t] + 0.1 * t),
          x: Array.from({ length: n }, (_, t) => design.values[80 + (t % 80)]),
          // Every level occurs: level t mod ℓ for the first ℓ rows, then as the picks say.
          a: Array.from(
            { length: n },
            (_, t) => `a${t < 10 ? t % design.levelsA : design.picks[t] % design.levelsA}`,
          ),
          b: Array.from(
            { length: n },
            (_, t) => `b${t < 10 ? t % design.levelsB : design.picks[80 + t] % design.levelsB}`,
          ),
          c: Array.from(
            { length: n },
            (_, t) => `c${t < 10 ? t % design.levelsC : design.picks[160 + t] % design.levelsC}`,
          ),
        };
        const model = LinearMixedModel.fromFormula(design.formula, data);
        const lower = model.lowerbd;
        const theta = Float64Array.from(lower, (bound, i) =>
          bound === 0 ? design.theta[i] : design.offDiagonal[i],
        );
        const blocked = model.objectiveAt(theta);
        const dense = denseObjective(model, theta);
        expect(Math.abs(blocked - dense)).toBeLessThanOrEqual(1e-9 * Math.abs(dense));
      }),
      { numRuns: 200 },
    );
  });
});

describe("vector-valued nested terms keep sparse off-diagonal blocks", () => {
  it("and still evaluate the objective of its dense definition", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          "y ~ 1 + x + (1 + x | a) + (1 + x | a:b)",
          "y ~ 1 + x + (1 + x | a:b) + (1 | a)",
          "y ~ 1 + x + (1 | a:b) + (1 + x | a)",
        ),
        fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        fc.array(fc.double({ min: 0.05, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
        (formula, seed, diagonal) => {
          let state = seed;
          const random = () => {
            state = (state * 16807) % 2147483647;
            return state / 2147483647;
          };
          // 12 levels of a, 4 of b within each: a:b has 48 levels, A[a:b, a] is about 8% full.
          const n = 240;
          const data = {
            y: Array.from({ length: n }, () => 4 * random()),
            x: Array.from({ length: n }, () => 2 * random() - 1),
            a: Array.from({ length: n }, (_, t) => `a${t % 12}`),
            b: Array.from({ length: n }, (_, t) => `b${Math.floor(t / 12) % 4}`),
          };
          const model = LinearMixedModel.fromFormula(formula, data);
          // biome-ignore lint/suspicious/noExplicitAny: inspect the private block storage
          const kinds: string[] = (model as any).system.factor.map(
            (block: { kind: string }) => block.kind,
          );
          expect(kinds[1]).toBe("sparse-csc");
          const theta = Float64Array.from(model.lowerbd, (bound, i) =>
            bound === 0 ? diagonal[i] : diagonal[i] - 1.5,
          );
          const blocked = model.objectiveAt(theta);
          expect(Math.abs(blocked - denseObjective(model, theta))).toBeLessThanOrEqual(
            1e-9 * Math.abs(blocked),
          );
        },
      ),
      // Dense references of order ~120 are slower to build; fewer runs keep the suite fast.
      { numRuns: 50 },
    );
  });
});

describe("a filled-in term between nested ones", () => {
  it("keeps later nested blocks sparse and matches the dense objective", () => {
    // a and b crossed within each c; c nested in d. Sorted: a, b (filled in), c, d.
    const data = {
      y: [] as number[],
      a: [] as string[],
      b: [] as string[],
      c: [] as string[],
      d: [] as string[],
    };
    let state = 11;
    for (let c = 0; c < 20; c++) {
      for (let a = 0; a < 5; a++) {
        for (let b = 0; b < 3; b++) {
          state = (state * 16807) % 2147483647;
          data.y.push(c / 5 + a / 7 + b / 3 + state / 2147483647);
          data.a.push(`a${c}.${a}`);
          data.b.push(`b${c}.${b}`);
          data.c.push(`c${c}`);
          data.d.push(`d${c % 15}`);
        }
      }
    }
    const model = LinearMixedModel.fromFormula(
      "y ~ 1 + (1 | a) + (1 | b) + (1 | c) + (1 | d)",
      data,
    );
    // biome-ignore lint/suspicious/noExplicitAny: inspect the private block storage
    const system = (model as any).system;
    expect(system.filledIn).toEqual([false, true, false, false]);
    expect(system.factor[8].kind).toBe("sparse-csc"); // L[d, c]: updated through dense·denseᵀ
    for (const theta of [
      [1, 1, 1, 1],
      [0.3, 2, 0.7, 1.4],
      [1.5, 0.1, 0, 0.5],
    ]) {
      const value = model.objectiveAt(theta);
      expect(Math.abs(value - denseObjective(model, Float64Array.from(theta)))).toBeLessThanOrEqual(
        1e-9 * Math.abs(value),
      );
    }
  });
});

describe("random grouping structures (crossed, nested, interactions, 2–4 terms)", () => {
  const groupings = ["a", "b", "c", "a:b", "a:c", "b:c", "a:b:c", "d"];
  const structureArb = fc.record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
    n: fc.integer({ min: 60, max: 150 }),
    levels: fc.tuple(
      fc.integer({ min: 2, max: 20 }),
      fc.integer({ min: 2, max: 8 }),
      fc.integer({ min: 2, max: 5 }),
      fc.integer({ min: 2, max: 30 }),
    ),
    nestB: fc.boolean(),
    nestD: fc.boolean(),
    terms: fc.uniqueArray(fc.constantFrom(...groupings), { minLength: 2, maxLength: 4 }),
    vector: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    theta: fc.array(fc.double({ min: 0.05, max: 2.5, noNaN: true }), {
      minLength: 8,
      maxLength: 8,
    }),
  });

  it("build without unsupported kernels and match the dense objective", () => {
    const kinds = new Set<string>();
    let evaluated = 0;
    fc.assert(
      fc.property(structureArb, (structure) => {
        let state = structure.seed;
        const random = () => {
          state = (state * 16807) % 2147483647;
          return state / 2147483647;
        };
        const [la, lb, lc, ld] = structure.levels;
        const data = {
          y: [] as number[],
          x: [] as number[],
          a: [] as string[],
          b: [] as string[],
          c: [] as string[],
          d: [] as string[],
        };
        for (let t = 0; t < structure.n; t++) {
          const a = Math.floor(random() * la);
          data.y.push(random());
          data.x.push(random());
          data.a.push(`a${a}`);
          data.b.push(structure.nestB ? `b${a % lb}` : `b${Math.floor(random() * lb)}`);
          data.c.push(`c${Math.floor(random() * lc)}`);
          data.d.push(
            structure.nestD ? `d${a}.${Math.floor(random() * 2)}` : `d${Math.floor(random() * ld)}`,
          );
        }
        const bars = structure.terms.map((g, i) =>
          structure.vector[i] ? `(1 + x | ${g})` : `(1 | ${g})`,
        );
        let model: LinearMixedModel;
        try {
          model = LinearMixedModel.fromFormula(`y ~ 1 + x + ${bars.join(" + ")}`, data);
        } catch (error) {
          // lme4's identifiability checks (too few levels or observations) reject some designs.
          const code = (error as { code?: string }).code;
          fc.pre(code !== "MODEL_ERROR" && code !== "DATA_ERROR");
          throw error;
        }
        const theta = Float64Array.from(model.lowerbd, (bound, i) =>
          bound === 0 ? structure.theta[i % 8] : structure.theta[i % 8] - 1.2,
        );
        const blocked = model.objectiveAt(theta);
        expect(Math.abs(blocked - denseObjective(model, theta))).toBeLessThanOrEqual(
          1e-8 * Math.abs(blocked),
        );
        evaluated++;
        // biome-ignore lint/suspicious/noExplicitAny: inspect the private block storage
        for (const block of (model as any).system.factor) kinds.add(block.kind);
      }),
      { numRuns: 100 },
    );
    // Not vacuous: the designs were built and covered every storage kind.
    expect(evaluated).toBeGreaterThanOrEqual(100);
    expect([...kinds].sort()).toEqual([
      "dense",
      "diagonal",
      "sparse-csc",
      "uniform-block-diagonal",
    ]);
  });
});
