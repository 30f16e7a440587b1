import type { ModelParts } from "@mixedmodels/modelmatrix";
import { bobyqa } from "@mixedmodels/optim";
import { describe, expect, it } from "vitest";
import {
  type CrossProductSums,
  linearMixedModelFromCrossProducts,
} from "../src/cross-product-model";
import { LinearMixedModel } from "../src/linear-mixed-model";
import { thetaInModelOrder } from "./helpers/compare";
import { loadReference, referenceSpecs, smallReferenceIds } from "./helpers/reference-cases";

/**
 * The sums a database would compute, by plain loops over the rows of the parts (independent of
 * `buildCrossProduct`): per level, per co-occurring level pair, [X y]ᵀZ, [X y]ᵀ[X y].
 */
function sumsOf(parts: ModelParts): CrossProductSums {
  const { n, X, y, reterms } = parts;
  const p = X.p;
  const m = p + 1;
  const xy = (t: number, c: number) => (c < p ? X.data[t + c * n] : y[t]);
  const termDiagonal = reterms.map((term) => {
    const s = term.s;
    const out = new Float64Array(term.levels.length * s * s);
    for (let t = 0; t < n; t++)
      for (let c = 0; c < s; c++)
        for (let r = 0; r < s; r++)
          out[term.refs[t] * s * s + r + c * s] += term.z[t * s + r] * term.z[t * s + c];
    return out;
  });
  const termPairs = [];
  for (let i = 0; i < reterms.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = reterms[i];
      const b = reterms[j];
      const index = new Map<string, number>();
      const rows: number[] = [];
      const cols: number[] = [];
      const values: number[] = [];
      for (let t = 0; t < n; t++) {
        const key = `${a.refs[t]},${b.refs[t]}`;
        let at = index.get(key);
        if (at === undefined) {
          at = rows.length;
          index.set(key, at);
          rows.push(a.refs[t]);
          cols.push(b.refs[t]);
          for (let v = 0; v < a.s * b.s; v++) values.push(0);
        }
        for (let c = 0; c < b.s; c++)
          for (let r = 0; r < a.s; r++)
            values[at * a.s * b.s + r + c * a.s] += a.z[t * a.s + r] * b.z[t * b.s + c];
      }
      termPairs.push({
        rowLevels: Int32Array.from(rows),
        colLevels: Int32Array.from(cols),
        values: Float64Array.from(values),
      });
    }
  }
  const fixedByTerm = reterms.map((term) => {
    const s = term.s;
    const out = new Float64Array(m * term.levels.length * s);
    for (let t = 0; t < n; t++)
      for (let c = 0; c < s; c++)
        for (let r = 0; r < m; r++)
          out[r + (term.refs[t] * s + c) * m] += xy(t, r) * term.z[t * s + c];
    return out;
  });
  const fixedGram = new Float64Array(m * m);
  for (let t = 0; t < n; t++)
    for (let c = 0; c < m; c++)
      for (let r = 0; r < m; r++) fixedGram[r + c * m] += xy(t, r) * xy(t, c);
  const columnMin = new Float64Array(p).fill(Infinity);
  const columnMax = new Float64Array(p).fill(-Infinity);
  for (let c = 0; c < p; c++)
    for (let t = 0; t < n; t++) {
      columnMin[c] = Math.min(columnMin[c], X.data[t + c * n]);
      columnMax[c] = Math.max(columnMax[c], X.data[t + c * n]);
    }
  return {
    n,
    weightSum: n,
    logWeightSum: 0,
    termDiagonal,
    termPairs,
    fixedByTerm,
    fixedGram,
    columnMin,
    columnMax,
  };
}

/** The parts with their rows taken away: what a database-backed model knows. */
function rowless(parts: ModelParts): ModelParts {
  return {
    ...parts,
    y: new Float64Array(0),
    X: { ...parts.X, data: new Float64Array(0) },
    reterms: parts.reterms.map((term) => ({
      ...term,
      refs: new Int32Array(0),
      z: new Float64Array(0),
    })),
  };
}

describe.each(smallReferenceIds)("model from cross-products, %s", (id) => {
  const reference = loadReference(id);
  const memory = LinearMixedModel.fromFormula(reference.formula, referenceSpecs[id].table(), {
    reml: reference.reml,
  });
  const fromSums = linearMixedModelFromCrossProducts(rowless(memory.parts), sumsOf(memory.parts), {
    reml: reference.reml,
  });

  it("gives the in-memory objective at lme4's θ values (1e-10 relative) and lme4's", () => {
    for (const point of reference.objective_at) {
      const theta = thetaInModelOrder(memory, reference, point.theta);
      const expected = memory.objectiveAt(theta);
      expect(Math.abs(fromSums.objectiveAt(theta) - expected)).toBeLessThan(
        1e-10 * Math.abs(expected),
      );
      expect(Math.abs(fromSums.objectiveAt(theta) - point.objective)).toBeLessThan(
        1e-7 * Math.abs(point.objective),
      );
    }
  });

  it("fits to the in-memory optimum; row-level accessors throw ModelError", () => {
    memory.fit({ optimizer: bobyqa() });
    fromSums.fit({ optimizer: bobyqa() });
    expect(Math.abs(fromSums.objective - memory.objective)).toBeLessThan(
      1e-8 * Math.abs(memory.objective),
    );
    const beta = memory.fixef();
    for (const [i, value] of fromSums.fixef().entries()) expect(value).toBeCloseTo(beta[i], 4);
    expect(fromSums.sigma).toBeCloseTo(memory.sigma, 4);
    expect(() => fromSums.fitted()).toThrow(/need the rows/);
    expect(() => fromSums.leverage()).toThrow(/need the rows/);
  });
});

describe("model from cross-products on badly scaled columns", () => {
  // Reaction shifted far from 0 (centred: |mean| > 32 spreads) and Days in microdays (scaled by a
  // power of two in X and in Z): the conditioning is decided from the sums and applied to A.
  const table = referenceSpecs.sleepstudy_ml.table();
  const reaction = table.columns.Reaction;
  const days = table.columns.Days;
  if (reaction.kind !== "numeric" || days.kind !== "numeric") throw new Error("sleepstudy columns");
  const data = {
    y: Array.from(reaction.values, (v) => v + 1e4),
    t: Array.from(days.values, (v) => v * 1e6),
    Subject: table.columns.Subject,
  };
  const memory = LinearMixedModel.fromFormula("y ~ 1 + t + (1 + t | Subject)", data);
  const fromSums = linearMixedModelFromCrossProducts(rowless(memory.parts), sumsOf(memory.parts));

  it("gives the in-memory objective at fixed θ to 1e-10 relative", () => {
    for (const theta of [
      [0.9, 0.2e-6, 0.2e-6],
      [1.5, -0.1e-6, 0.05e-6],
    ]) {
      const expected = memory.objectiveAt(theta);
      expect(Math.abs(fromSums.objectiveAt(theta) - expected)).toBeLessThan(
        1e-10 * Math.abs(expected),
      );
    }
    const reference = loadReference("sleepstudy_ml");
    memory.fit({ optimizer: bobyqa() });
    fromSums.fit({ optimizer: bobyqa() });
    // Shifting y and rescaling Days leave the deviance unchanged.
    expect(Math.abs(fromSums.objective - reference.objective)).toBeLessThan(
      1e-6 * reference.objective,
    );
  });
});
