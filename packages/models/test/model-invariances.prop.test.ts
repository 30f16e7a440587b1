import { bobyqa } from "@mixedmodels/optim";
import { mulberry32 } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";

// Each run is a fit, so fewer runs than the kernel properties.
const settings = { numRuns: 20 } as const;

type Generated = {
  y: number[];
  x: number[];
  g: string[];
};

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** y = 3 + 2x + b_g + ε with a random number of groups and group sizes. */
const dataArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    groups: fc.integer({ min: 3, max: 8 }),
    perGroup: fc.integer({ min: 3, max: 6 }),
    groupSd: fc.double({ min: 0, max: 3, noNaN: true }),
  })
  .map(({ seed, groups, perGroup, groupSd }): Generated => {
    const random = mulberry32(seed);
    const data: Generated = { y: [], x: [], g: [] };
    for (let level = 0; level < groups; level++) {
      const effect = groupSd * normal(random);
      for (let i = 0; i < perGroup; i++) {
        const x = 4 * random();
        data.x.push(x);
        data.g.push(`g${level}`);
        data.y.push(3 + 2 * x + effect + normal(random));
      }
    }
    return data;
  });

const formula = "y ~ 1 + x + (1 | g)";

function fit(data: Generated): LinearMixedModel {
  return LinearMixedModel.fromFormula(formula, data).fit({ optimizer: bobyqa() });
}

function close(a: number, b: number, rtol: number, atol: number): boolean {
  return Math.abs(a - b) <= atol + rtol * Math.abs(b);
}

describe("model invariances on generated data", () => {
  it("adding a constant to y changes only the intercept", () => {
    fc.assert(
      fc.property(dataArb, fc.double({ min: -100, max: 100, noNaN: true }), (data, shift) => {
        const base = fit(data);
        const shifted = fit({ ...data, y: data.y.map((v) => v + shift) });
        const [b0, b1] = base.fixef();
        const [s0, s1] = shifted.fixef();
        expect(close(s0, b0 + shift, 1e-6, 1e-5)).toBe(true);
        expect(close(s1, b1, 1e-5, 1e-5)).toBe(true);
        expect(close(shifted.theta[0], base.theta[0], 0, 1e-4)).toBe(true);
        expect(close(shifted.sigma, base.sigma, 1e-5, 0)).toBe(true);
        expect(close(shifted.objective, base.objective, 1e-9, 0)).toBe(true);
      }),
      settings,
    );
  });

  it("scaling y by c scales β, σ and b by c and leaves θ", () => {
    fc.assert(
      fc.property(dataArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (data, c) => {
        const base = fit(data);
        const scaled = fit({ ...data, y: data.y.map((v) => c * v) });
        expect(close(scaled.theta[0], base.theta[0], 0, 1e-4)).toBe(true);
        expect(close(scaled.sigma, c * base.sigma, 1e-5, 0)).toBe(true);
        const beta = base.fixef();
        scaled.fixef().forEach((value, i) => {
          expect(close(value, c * beta[i], 1e-5, 1e-6 * c * base.sigma)).toBe(true);
        });
        const b = base.ranef()[0].values;
        scaled.ranef()[0].values.forEach((value, i) => {
          expect(close(value, c * b[i], 1e-3, 1e-4 * c * base.sigma)).toBe(true);
        });
        // The ML deviance shifts by exactly 2n·log c.
        const n = data.y.length;
        expect(close(scaled.objective, base.objective + 2 * n * Math.log(c), 1e-9, 1e-9)).toBe(
          true,
        );
      }),
      settings,
    );
  });

  it("relabelling the levels of the grouping factor changes nothing", () => {
    fc.assert(
      fc.property(dataArb, fc.integer({ min: 1, max: 1000 }), (data, salt) => {
        const base = fit(data);
        // A new label per level, in an order unrelated to the old one.
        const relabel = (label: string) => `L${(Number(label.slice(1)) * 7919 + salt) % 100003}`;
        const relabelled = fit({ ...data, g: data.g.map(relabel) });
        expect(close(relabelled.objective, base.objective, 1e-9, 0)).toBe(true);
        expect(close(relabelled.theta[0], base.theta[0], 0, 1e-4)).toBe(true);
        relabelled.fixef().forEach((value, i) => {
          expect(close(value, base.fixef()[i], 1e-6, 1e-6)).toBe(true);
        });
        const before = base.ranef()[0];
        const after = relabelled.ranef()[0];
        before.levels.forEach((level, i) => {
          const j = after.levels.indexOf(relabel(level));
          expect(close(after.values[j], before.values[i], 1e-3, 1e-4 * base.sigma)).toBe(true);
        });
      }),
      settings,
    );
  });

  it("the objective at θ̂ is no higher than at a random θ", () => {
    fc.assert(
      fc.property(dataArb, fc.double({ min: 0, max: 5, noNaN: true }), (data, theta) => {
        const model = fit(data);
        expect(model.objective).toBeLessThanOrEqual(model.objectiveAt([theta]) + 1e-8);
        // objectiveAt re-installs the fitted θ.
        expect(model.objective).toBe(model.objectiveAt(model.theta));
      }),
      settings,
    );
  });
});
