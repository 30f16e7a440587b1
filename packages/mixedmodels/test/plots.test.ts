import { penicillin, sleepstudy } from "@mixedmodels/datasets";
import { describe, expect, it } from "vitest";
import { caterpillarRows, caterpillarSpec, fit, lmm, qqRows, residualRows } from "../src/index";
import reference from "./fixtures/plots/plot-reference.json";

// The numbers behind the three diagnostic plots against lme4's (fixtures/plots/make-plot-reference.R):
// conditional modes and their condVar intervals, R's qqnorm quantiles, fitted values and residuals.
// Tolerances follow the references' README: the optima agree to about 1e-6 in the objective, so
// modes and standard deviations agree to a few 1e-4 of their scale, not to the last bit.
interface ReferenceTerm {
  column: string;
  estimate: number[];
  condsd: number[];
  lower: number[];
  upper: number[];
  theoretical: number[];
}
interface ReferenceCase {
  id: string;
  formula: string;
  reml: boolean;
  groups: { group: string; levels: string[]; terms: ReferenceTerm[] }[];
  fitted: number[];
  residuals: number[];
}
const cases = (reference as { cases: ReferenceCase[] }).cases;
const data = { sleepstudy_ml: sleepstudy, penicillin_ml: penicillin } as const;

function close(actual: number, expected: number, scale: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * scale);
}

describe.each(cases)("plot data of $id against lme4", (reference) => {
  const model = fit(lmm(reference.formula, data[reference.id as keyof typeof data]), {
    reml: reference.reml,
  });

  it("caterpillar: every mode and its 95% interval", () => {
    const rows = caterpillarRows(model);
    let compared = 0;
    for (const group of reference.groups) {
      for (const term of group.terms) {
        const sd = Math.sqrt(term.estimate.reduce((s, v) => s + v * v, 0) / term.estimate.length);
        group.levels.forEach((level, l) => {
          const row = rows.find(
            (r) => r.group === group.group && r.level === level && r.term === term.column,
          );
          expect(row, `${group.group} ${level} ${term.column}`).toBeDefined();
          if (row === undefined) return;
          close(row.estimate, term.estimate[l], sd, 1e-3);
          close(row.condsd, term.condsd[l], term.condsd[l], 1e-3);
          close(row.lower, term.lower[l], sd, 2e-3);
          close(row.upper, term.upper[l], sd, 2e-3);
          compared++;
        });
      }
    }
    expect(compared).toBe(rows.length);
  });

  it("Q–Q: R's qqnorm quantiles, paired with the modes in the same order", () => {
    // Compared in quantile order: levels whose modes tie exactly in R (penicillin's plates with
    // equal totals) differ here in the last bit, which may swap their ranks but not the points.
    const rows = qqRows(model);
    for (const group of reference.groups) {
      for (const term of group.terms) {
        const ours = rows
          .filter((r) => r.group === group.group && r.term === term.column)
          .sort((a, b) => a.theoretical - b.theoretical);
        const theirs = term.theoretical
          .map((theoretical, l) => ({ theoretical, estimate: term.estimate[l] }))
          .sort((a, b) => a.theoretical - b.theoretical);
        expect(ours).toHaveLength(theirs.length);
        const sd = Math.sqrt(term.estimate.reduce((s, v) => s + v * v, 0) / term.estimate.length);
        ours.forEach((row, i) => {
          expect(row.theoretical).toBeCloseTo(theirs[i].theoretical, 12);
          close(row.estimate, theirs[i].estimate, sd, 1e-3);
        });
      }
    }
  });

  it("residuals vs fitted: every observation", () => {
    const rows = residualRows(model);
    expect(rows).toHaveLength(reference.fitted.length);
    const scale = model.sigma;
    rows.forEach((row, t) => {
      close(row.fitted, reference.fitted[t], scale, 1e-3);
      close(row.residual, reference.residuals[t], scale, 1e-3);
      expect(row.fitted + row.residual).toBeCloseTo(
        reference.fitted[t] + reference.residuals[t],
        9,
      );
    });
  });
});

describe("caterpillar spec of sleepstudy", () => {
  it("has the 18 subjects as rows, ordered by their intercept mode, in two panels", () => {
    const model = fit(lmm("Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy));
    const spec = caterpillarSpec(model) as unknown as {
      data: { values: { level: string; term: string; estimate: number }[] };
      spec: { layer: { encoding: { y?: { sort: string[] } } }[] };
    };
    const order = spec.spec.layer[1].encoding.y?.sort ?? [];
    expect(order).toHaveLength(18);
    const intercepts = new Map(
      spec.data.values.filter((r) => r.term === "(Intercept)").map((r) => [r.level, r.estimate]),
    );
    const sorted = order.map((level) => intercepts.get(level) ?? Number.NaN);
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
    expect(new Set(spec.data.values.map((r) => r.term))).toEqual(new Set(["(Intercept)", "Days"]));
  });
});
