import { bobyqa } from "@mixedmodels/optim";
import { mulberry32 } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LinearMixedModel } from "../src/linear-mixed-model";

// Issue 12, "Numerically exact where users' data are badly scaled": the optimum must not depend
// on the units of a column, and the objective at a fixed θ must not depend on where a column's
// origin is. Each run is two fits or a few evaluations, so fewer runs than the kernel properties.
const settings = { seed: 1212, numRuns: 25 } as const;

type Generated = {
  y: number[];
  x: number[];
  v: number[];
  g: string[];
};

/** A sum of uniforms: roughly normal, and free of engine-dependent functions. */
function roughNormal(random: () => number): number {
  let sum = 0;
  for (let i = 0; i < 6; i++) sum += random();
  return (sum - 3) * Math.SQRT2;
}

/**
 * y = 3 + 2x − v + b₀ + b₁x + ε on a random number of groups. Every value is a multiple of 2⁻¹⁰
 * below 2⁸ in magnitude, so adding an integer up to 2⁴⁰ (≈ 1.1e12) is exact: the shifted data
 * are exactly the same model, and any difference in the objective is the algorithm's rounding.
 */
const dataArb = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    groups: fc.integer({ min: 6, max: 10 }),
    perGroup: fc.integer({ min: 5, max: 8 }),
    // Clearly nonzero variances: the optimum is interior, where a local optimizer finds it from
    // any start (at a singular boundary it may stop at different points of a flat valley).
    interceptSd: fc.double({ min: 1, max: 3, noNaN: true }),
    slopeSd: fc.double({ min: 0.5, max: 1.5, noNaN: true }),
  })
  .map(({ seed, groups, perGroup, interceptSd, slopeSd }): Generated => {
    const random = mulberry32(seed);
    const dyadic = (value: number) => Math.round(value * 1024) / 1024;
    const data: Generated = { y: [], x: [], v: [], g: [] };
    for (let level = 0; level < groups; level++) {
      const b0 = interceptSd * roughNormal(random);
      const b1 = slopeSd * roughNormal(random);
      for (let i = 0; i < perGroup; i++) {
        const x = dyadic(4 * random());
        const v = dyadic(2 * roughNormal(random));
        data.x.push(x);
        data.v.push(v);
        data.g.push(`g${level}`);
        data.y.push(dyadic(3 + 2 * x - v + b0 + b1 * x + roughNormal(random)));
      }
    }
    return data;
  });

const formula = "y ~ 1 + x + v + (1 + x | g)";

function model(data: Generated, reml = false): LinearMixedModel {
  return LinearMixedModel.fromFormula(formula, data, { reml });
}

function fit(data: Generated): LinearMixedModel {
  return model(data).fit({ optimizer: bobyqa() });
}

/** 10^u for u in [−8, 8]: any rescaling of a column between 1e-8 and 1e8 (whole decades included). */
const factorArb = fc
  .tuple(fc.integer({ min: -8, max: 7 }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([decade, fraction]) => 10 ** (decade + fraction));

function rescaled(data: Generated, cx: number, cv: number): Generated {
  return { ...data, x: data.x.map((value) => value * cx), v: data.v.map((value) => value * cv) };
}

describe("the optimum does not depend on the units of a column", () => {
  it("rescaling x (in X and in Z) and v (in X) by factors in [1e-8, 1e8]", () => {
    fc.assert(
      fc.property(dataArb, factorArb, factorArb, (data, cx, cv) => {
        const base = fit(data);
        const scaled = fit(rescaled(data, cx, cv));
        // The same model in other units: the same optimum, to the optimizer's tolerance.
        expect(Math.abs(scaled.objective - base.objective)).toBeLessThanOrEqual(
          1e-8 * Math.abs(base.objective) + 1e-6,
        );
        for (const value of [...scaled.stderror(), scaled.sigma, ...scaled.theta]) {
          expect(Number.isFinite(value)).toBe(true);
        }
        // What the rescaled fit reports, mapped to unit scale, is the unit-scale model at that θ:
        // θ's row for x is in 1/x units, β's entries in y/x and y/v units, b's slopes in y/x.
        const [s11, s21, s22] = scaled.theta;
        const unit = model(data).setTheta([s11, s21 * cx, s22 * cx]);
        const close = (a: number, b: number, scale: number): void => {
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-7 * scale);
        };
        close(scaled.objective, unit.objective, Math.abs(unit.objective));
        close(scaled.sigma, unit.sigma, unit.sigma);
        const factors = [1, cx, cv];
        const beta = unit.fixef();
        const errors = unit.stderror();
        const fixef = scaled.fixef();
        const stderror = scaled.stderror();
        for (let i = 0; i < 3; i++) {
          close(fixef[i] * factors[i], beta[i], unit.sigma);
          close(stderror[i] * factors[i], errors[i], errors[i]);
        }
        const b = unit.ranef()[0].values;
        const modes = scaled.ranef()[0].values;
        for (let i = 0; i < modes.length; i++) {
          close(modes[i] * (i % 2 === 1 ? cx : 1), b[i], unit.sigma);
        }
      }),
      settings,
    );
  });

  it("the objective at θ in the rescaled units equals the unit-scale objective (ML and REML)", () => {
    fc.assert(
      fc.property(
        dataArb,
        factorArb,
        factorArb,
        fc.tuple(
          fc.double({ min: 0, max: 3, noNaN: true }),
          fc.double({ min: -1, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
        ),
        fc.boolean(),
        (data, cx, cv, [t11, t21, t22], reml) => {
          const base = model(data, reml).objectiveAt([t11, t21, t22]);
          const value = model(rescaled(data, cx, cv), reml).objectiveAt([t11, t21 / cx, t22 / cx]);
          // REML's criterion is that of the user's X: rescaling X's columns by T adds 2·log|det T|.
          const expected = reml ? base + 2 * Math.log(cx * cv) : base;
          expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(base) + 1e-9);
        },
      ),
      settings,
    );
  });
});

describe("the objective at a fixed θ does not depend on a column's origin", () => {
  const shiftArb = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
  const thetaArb = fc.tuple(
    fc.double({ min: 0, max: 3, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: 0, max: 1, noNaN: true }),
  );

  it("adding a constant up to 1e12 to y (ML and REML), to 1e-9 relative", () => {
    fc.assert(
      fc.property(dataArb, shiftArb, thetaArb, fc.boolean(), (data, shift, theta, reml) => {
        const base = model(data, reml).objectiveAt(theta);
        const shifted = model(
          { ...data, y: data.y.map((value) => value + shift) },
          reml,
        ).objectiveAt(theta);
        expect(Math.abs(shifted - base)).toBeLessThanOrEqual(1e-9 * Math.abs(base));
      }),
      settings,
    );
  });

  it("adding a constant up to 1e12 to a predictor (v, in X only), to 1e-9 relative", () => {
    fc.assert(
      fc.property(dataArb, shiftArb, thetaArb, fc.boolean(), (data, shift, theta, reml) => {
        const base = model(data, reml).objectiveAt(theta);
        const shiftedModel = model({ ...data, v: data.v.map((value) => value + shift) }, reml);
        // Kept by the rank check, as v is.
        expect(shiftedModel.fixefnames()).toEqual(["(Intercept)", "x", "v"]);
        const shifted = shiftedModel.objectiveAt(theta);
        expect(Math.abs(shifted - base)).toBeLessThanOrEqual(1e-9 * Math.abs(base));
      }),
      settings,
    );
  });
});
