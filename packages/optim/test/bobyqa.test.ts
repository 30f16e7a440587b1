import { isOptimizerV1, ModelError } from "@mixedmodels/core";
import { expectClose } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { bobyqa } from "../src/index";

const rosenbrock = {
  dimension: 2,
  value: (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2,
};
const infinity = Number.POSITIVE_INFINITY;

describe("bobyqa", () => {
  it("is an OptimizerV1 named bobyqa that supports bounds", () => {
    const optimizer = bobyqa();
    expect(isOptimizerV1(optimizer)).toBe(true);
    expect(optimizer.name).toBe("bobyqa");
    expect(optimizer.capabilities).toEqual({ bounds: true, usesGradient: false });
  });

  it("acceptance: Rosenbrock from (−1.2, 1) reaches (1, 1) within 1e-6 in fewer than 250 evaluations", () => {
    const result = bobyqa().minimize(rosenbrock, Float64Array.of(-1.2, 1));
    expect(result.status).toBe("converged");
    expect(result.evaluations).toBeLessThan(250); // recorded: 160
    expectClose(result.theta, [1, 1], { atol: 1e-6, rtol: 0 });
  });

  it("converges on Rosenbrock with every allowed number of interpolation points", () => {
    for (const npt of [4, 5, 6]) {
      const result = bobyqa({ npt }).minimize(rosenbrock, Float64Array.of(-1.2, 1));
      expect(result.status).toBe("converged");
      expectClose(result.theta, [1, 1], { atol: 1e-5, rtol: 0 });
    }
  });

  it("honours rhobeg and rhoend: a coarse rhoend stops sooner and less accurately", () => {
    const fine = bobyqa({ rhobeg: 0.5, rhoend: 1e-8 }).minimize(
      rosenbrock,
      Float64Array.of(-1.2, 1),
    );
    const coarse = bobyqa({ rhobeg: 0.5, rhoend: 1e-2 }).minimize(
      rosenbrock,
      Float64Array.of(-1.2, 1),
    );
    expect(coarse.evaluations).toBeLessThan(fine.evaluations);
    expect(fine.value).toBeLessThan(coarse.value);
    expect(coarse.message).toContain("rhoend");
  });

  it("stops on ftolAbs, ftolRel and xtolAbs before rhoend", () => {
    const plain = bobyqa({ rhoend: 1e-10 }).minimize(rosenbrock, Float64Array.of(-1.2, 1));
    const byF = bobyqa({ rhoend: 1e-10 }).minimize(rosenbrock, Float64Array.of(-1.2, 1), {
      ftolAbs: 1e-6,
    });
    expect(byF.evaluations).toBeLessThan(plain.evaluations);
    expect(byF.message).toContain("ftol");
    const byX = bobyqa({ rhoend: 1e-10 }).minimize(rosenbrock, Float64Array.of(-1.2, 1), {
      xtolAbs: 1e-4,
    });
    expect(byX.evaluations).toBeLessThan(plain.evaluations);
    expect(byX.message).toContain("xtolAbs");
  });

  it("works in one dimension from a start on the lower bound, never evaluating below it", () => {
    const seen: number[] = [];
    const result = bobyqa().minimize(
      { dimension: 1, value: (x) => (x[0] - 0.3) ** 2 },
      Float64Array.of(0),
      {
        bounds: { lower: Float64Array.of(0), upper: Float64Array.of(infinity) },
        onEvaluation: (theta) => seen.push(theta[0]),
      },
    );
    expect(Math.min(...seen)).toBe(0);
    expect(result.theta[0]).toBeCloseTo(0.3, 8);
  });

  it("keeps a coordinate fixed when its lower and upper bounds coincide", () => {
    const result = bobyqa().minimize(
      { dimension: 3, value: (x) => (x[0] - 1) ** 2 + (x[1] - 2) ** 2 + (x[2] - 3) ** 2 },
      Float64Array.of(0, 5, 0),
      { bounds: { lower: Float64Array.of(-9, 5, -9), upper: Float64Array.of(9, 5, 9) } },
    );
    expect(result.theta[1]).toBe(5);
    expectClose(result.theta, [1, 5, 3], { atol: 1e-6, rtol: 0 });
  });

  it("projects a start outside the box onto it before the first evaluation", () => {
    const seen: number[] = [];
    const result = bobyqa().minimize(
      { dimension: 1, value: (x) => (x[0] - 2) ** 2 },
      Float64Array.of(-4),
      {
        bounds: { lower: Float64Array.of(-1), upper: Float64Array.of(1) },
        onEvaluation: (theta) => seen.push(theta[0]),
      },
    );
    expect(seen[0]).toBe(-1);
    expect(result.theta[0]).toBe(1);
  });

  it("approaches the edge of a region where the objective fails, without stand-ins escalating", () => {
    // Minimum of the smooth part at (2, 2); the objective is +Infinity beyond x + y > 3, so the
    // answer is (1.5, 1.5) with f = 0.5. Failures act as a hidden barrier the quadratic model
    // cannot see: the run ends near the barrier, but not exactly at the best point along it.
    let failures = 0;
    const result = bobyqa().minimize(
      {
        dimension: 2,
        value: (x) => {
          if (x[0] + x[1] > 3) {
            failures++;
            return infinity;
          }
          return (x[0] - 2) ** 2 + (x[1] - 2) ** 2;
        },
      },
      Float64Array.of(0, 0),
      { maxEvaluations: 2000 },
    );
    expect(failures).toBeGreaterThan(0);
    expect(result.status).toBe("converged");
    expect(result.evaluations).toBeLessThan(200);
    expect(result.value).toBeLessThan(0.51);
    expect(result.theta[0] + result.theta[1]).toBeLessThanOrEqual(3);
    expect(result.theta[0] + result.theta[1]).toBeGreaterThan(2.99);
  });

  it("recovers when rounding makes the interpolation system singular (found by stress testing)", () => {
    // Bounds and start near the bottom of the double range plus a failing region: this run
    // rebuilds its interpolation set (the rescue path) and must still converge to (0.5, 0.5).
    const shift = [-6.4e-323, 1.0459641259365326e-247];
    const result = bobyqa().minimize(
      {
        dimension: 2,
        value: (x) => {
          let sum = 0;
          for (let i = 0; i < 2; i++) {
            const y = x[i] - shift[i];
            if (y > 1) return Number.NaN;
            sum += (y - 0.5) ** 2;
          }
          return sum;
        },
      },
      Float64Array.of(2.3551823493870146e-227, -1.6650438942756543e-103),
      {
        bounds: {
          lower: Float64Array.of(-infinity, -2e-323),
          upper: Float64Array.of(infinity, infinity),
        },
        ftolRel: 1e-12,
        ftolAbs: 1e-8,
        xtolAbs: 1e-10,
      },
    );
    expect(result.status).toBe("converged");
    expect(result.evaluations).toBeLessThan(60); // recorded: 24
    expectClose(result.theta, [0.5, 0.5], { atol: 1e-6, rtol: 0 });
  });

  it("rejects invalid settings with a ModelError naming the setting", () => {
    expect(() => bobyqa({ rhobeg: 0 })).toThrow(/rhobeg/);
    expect(() => bobyqa({ rhoend: -1 })).toThrow(ModelError);
    expect(() => bobyqa({ npt: 3 }).minimize(rosenbrock, Float64Array.of(0, 0))).toThrow(/npt/);
    expect(() => bobyqa({ npt: 7 }).minimize(rosenbrock, Float64Array.of(0, 0))).toThrow(/npt/);
  });

  it("reports the best point even when the budget runs out", () => {
    const values: number[] = [];
    const result = bobyqa().minimize(rosenbrock, Float64Array.of(-1.2, 1), {
      maxEvaluations: 30,
      onEvaluation: (_, value) => values.push(value),
    });
    expect(result.status).toBe("maxEvaluations");
    expect(result.evaluations).toBe(30);
    expect(result.value).toBe(Math.min(...values));
    expect(result.value).toBe(rosenbrock.value(result.theta));
  });
});
