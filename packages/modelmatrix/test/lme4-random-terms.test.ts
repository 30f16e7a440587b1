/**
 * Random-effects terms against lme4's `lFormula()$reTrms` on a synthetic table: for every lme4
 * term, a term with the same grouping factor and column names, the same levels in the same
 * order, and the same Zᵢᵀ; θ has lme4's length. Terms are matched by name because the order
 * differs on purpose: lme4 sorts by number of levels, this package by ℓ·s (MixedModels.jl).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../src/build-model-parts";
import type { RandomEffectsMatrix } from "../src/types";

interface Lme4Term {
  readonly group: [string];
  readonly names: string[];
  readonly levels: string[];
  /** Dense Zᵢᵀ, (ℓ·s)×n column-major, rows level-major (level, then column). */
  readonly zt: number[];
}

const fixture = JSON.parse(
  readFileSync(new URL("./fixtures/lme4-random-terms.json", import.meta.url), "utf8"),
) as {
  data: Record<string, (number | string)[]>;
  levels: Record<string, string[]>;
  cases: { rhs: [string]; nth: [number]; terms: Lme4Term[] }[];
};

/** Zᵢᵀ from refs and z, in lme4's layout. */
function denseZt(term: RandomEffectsMatrix, n: number): Float64Array {
  const rows = term.levels.length * term.s;
  const zt = new Float64Array(rows * n);
  for (let t = 0; t < n; t++) {
    for (let r = 0; r < term.s; r++)
      zt[t * rows + term.refs[t] * term.s + r] = term.z[t * term.s + r];
  }
  return zt;
}

describe("random-effects terms equal lme4's reTrms", () => {
  for (const { rhs, nth, terms } of fixture.cases) {
    it(rhs[0], () => {
      const parts = buildModelParts(`y ~ ${rhs[0]}`, fixture.data, {
        levels: fixture.levels,
        amalgamate: false,
      });
      expect(parts.reterms).toHaveLength(terms.length);
      const thetaLength = parts.reterms.reduce((total, term) => total + term.thetaRows.length, 0);
      expect(thetaLength).toBe(nth[0]);
      for (const expected of terms) {
        const term = parts.reterms.find(
          (candidate) =>
            candidate.group === expected.group[0] &&
            candidate.columnNames.join() === expected.names.join(),
        );
        expect(term, `${expected.group[0]}: ${expected.names.join(", ")}`).toBeDefined();
        if (!term) return;
        expect(term.levels).toEqual(expected.levels);
        const zt = denseZt(term, parts.n);
        zt.forEach((value, i) => {
          expect(value).toBeCloseTo(expected.zt[i], 12);
        });
      }
    });
  }
});
