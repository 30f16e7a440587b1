import { ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { caterpillarRows, caterpillarSpec, groupingFactors } from "./caterpillar";
import type { RandomEffectsModel } from "./plot-inputs";
import { plottingPositions, qqRows, qqSpec } from "./qq-plot";
import { residualRows, residualSpec } from "./residual-plot";

// A hand-made model: a two-column term on g (3 levels) and a second, one-column term on the same
// factor (lme4's `g.1`), and a term on h (11 levels, past qqnorm's n ≤ 10 switch).
const hModes = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 11];
const model: RandomEffectsModel = {
  ranef: () => [
    {
      group: "g",
      levels: ["a", "b", "c"],
      columnNames: ["(Intercept)", "x"],
      values: [3, 0.3, 1, 0.1, 2, 0.2],
    },
    { group: "g.1", levels: ["a", "b", "c"], columnNames: ["z"], values: [7, 8, 9] },
    {
      group: "h",
      levels: hModes.map((_, i) => `h${i}`),
      columnNames: ["(Intercept)"],
      values: hModes,
    },
  ],
  condVar: () => [
    // 2×2 per level, column-major; the off-diagonal must not enter the intervals.
    {
      group: "g",
      levels: ["a", "b", "c"],
      columnNames: ["(Intercept)", "x"],
      values: [4, 0.5, 0.5, 0.25, 1, 0, 0, 0.01, 9, -1, -1, 0.04],
    },
    { group: "g.1", levels: ["a", "b", "c"], columnNames: ["z"], values: [1, 4, 16] },
    {
      group: "h",
      levels: hModes.map((_, i) => `h${i}`),
      columnNames: ["(Intercept)"],
      values: hModes.map(() => 1),
    },
  ],
};

// R 4.2.2: qnorm(0.975), qnorm(0.95), qqnorm(c(3, 1, 2))$x, qqnorm(c(5,1,4,2,3,6:11))$x.
const Z975 = 1.9599639845400536;
const Z95 = 1.6448536269514715;
const QQ3 = [0.86942377328888598, -0.86942377328888598, 0];
const QQ11 = [
  -0.22988411757923205, -1.6906216295848977, -0.47278912099226728, -1.0968035620935135,
  -0.74785859476330208, 0, 0.22988411757923216, 0.47278912099226722, 0.74785859476330208,
  1.0968035620935135, 1.6906216295848984,
];

describe("caterpillar plot", () => {
  it("gives each mode ± z·√(diagonal of condVar), z from the interval level", () => {
    const rows = caterpillarRows(model);
    const slope = rows.find((r) => r.level === "c" && r.term === "x");
    expect(slope).toMatchObject({ group: "g", estimate: 0.2, condsd: 0.2 });
    expect(slope?.lower).toBeCloseTo(0.2 - Z975 * 0.2, 14);
    expect(slope?.upper).toBeCloseTo(0.2 + Z975 * 0.2, 14);
    const z = rows.find((r) => r.level === "c" && r.term === "z");
    expect(z).toMatchObject({ group: "g", estimate: 9, condsd: 4 });
    const ninety = caterpillarRows(model, { level: 0.9 }).find(
      (r) => r.level === "a" && r.term === "(Intercept)",
    );
    expect(ninety?.upper).toBeCloseTo(3 + Z95 * 2, 14);
    expect(rows).toHaveLength(3 * 2 + 3 + 11);
  });

  it("merges the terms of one grouping factor and orders levels by the first term", () => {
    expect(groupingFactors(model)).toEqual(["g", "h"]);
    const spec = caterpillarSpec(model) as unknown as CaterpillarShape;
    const values = spec.data.values;
    expect(new Set(values.map((r) => r.term))).toEqual(new Set(["(Intercept)", "x", "z"]));
    expect(values.every((r) => r.group === "g")).toBe(true);
    expect(spec.facet.column.sort).toEqual(["(Intercept)", "x", "z"]);
    // Intercepts a = 3, b = 1, c = 2: ascending b, c, a, in the y encoding of every layer.
    for (const layer of spec.spec.layer.slice(1))
      expect(layer.encoding.y?.sort).toEqual(["b", "c", "a"]);
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });

  it("rejects an unknown grouping factor or an interval level outside (0, 1) with a ModelError", () => {
    expect(() => caterpillarSpec(model, { group: "Subject" })).toThrow(ModelError);
    expect(() => caterpillarSpec(model, { group: "Subject" })).toThrow(/'g', 'h'/);
    expect(() => caterpillarRows(model, { level: 1.5 })).toThrow(ModelError);
    expect(() => caterpillarRows(model, { level: Number.NaN })).toThrow(ModelError);
  });
});

describe("Q–Q plot of the conditional modes", () => {
  it("uses R's ppoints: a = 3/8 up to 10 points, 1/2 above", () => {
    expect(Array.from(plottingPositions(3))).toEqual([0.625 / 3.25, 1.625 / 3.25, 2.625 / 3.25]);
    expect(plottingPositions(11)[0]).toBe(0.5 / 11);
  });

  it("pairs each mode with R's qqnorm quantile for its rank", () => {
    const rows = qqRows(model);
    const intercepts = rows.filter((r) => r.group === "g" && r.term === "(Intercept)");
    intercepts.forEach((row, l) => {
      expect(row.theoretical).toBeCloseTo(QQ3[l], 14);
    });
    const h = rows.filter((r) => r.group === "h");
    expect(h.map((r) => r.estimate)).toEqual(hModes);
    h.forEach((row, l) => {
      expect(row.theoretical).toBeCloseTo(QQ11[l], 14);
    });
  });

  it("breaks ties by level order, as R's order does", () => {
    const tied: RandomEffectsModel = {
      ranef: () => [
        { group: "g", levels: ["a", "b", "c"], columnNames: ["(Intercept)"], values: [1, 1, 2] },
      ],
      condVar: () => [],
    };
    expect(qqRows(tied).map((r) => r.theoretical)).toEqual(
      [-0.869423773288886, 0, 0.869423773288886].map((v) => expect.closeTo(v, 14)),
    );
  });

  it("plots one grouping factor, a panel per term", () => {
    const spec = qqSpec(model, { group: "h" }) as unknown as {
      data: { values: { group: string }[] };
    };
    expect(spec.data.values).toHaveLength(11);
    expect(() => qqSpec(model, { group: "nope" })).toThrow(ModelError);
  });
});

describe("residuals against fitted", () => {
  const fittedModel = {
    fitted: () => Float64Array.of(1, 2, 3),
    residuals: () => Float64Array.of(0.5, -0.25, 0),
  };

  it("has one row per observation with its fitted value and residual", () => {
    expect(residualRows(fittedModel)).toEqual([
      { index: 0, fitted: 1, residual: 0.5 },
      { index: 1, fitted: 2, residual: -0.25 },
      { index: 2, fitted: 3, residual: 0 },
    ]);
    const spec = residualSpec(fittedModel) as unknown as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(3);
  });

  it("refuses fitted values and residuals of different lengths", () => {
    expect(() => residualRows({ fitted: () => [1, 2], residuals: () => [1] })).toThrow(
      /differ in length/,
    );
  });
});

interface CaterpillarShape {
  data: { values: { group: string; term: string }[] };
  facet: { column: { sort: string[] } };
  spec: { layer: { encoding: { y?: { sort: string[] } } }[] };
}
