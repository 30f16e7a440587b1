import { describe, expect, it } from "vitest";
import { bobyqa } from "../src/index";
import { loadGroupedData, profiledDeviance } from "./helpers/grouped-deviance";

// bobyqa({ trustRegion: "trsbox" }): the subproblem solved by TRSBOX's rules (NLopt's), an
// alternative to the default solver (see the setting's documentation for what it measured).
const modelOptions = { ftolRel: 1e-12, ftolAbs: 1e-8, xtolAbs: 1e-10 };
const infinity = Number.POSITIVE_INFINITY;

describe('bobyqa({ trustRegion: "trsbox" })', () => {
  it("reaches lme4's sleepstudy ML optimum with the model layer's tolerances", () => {
    const sleep = loadGroupedData("sleepstudy.csv", 0, 1, 2);
    let calls = 0;
    const result = bobyqa({ trustRegion: "trsbox" }).minimize(
      {
        dimension: 3,
        value: (theta) => {
          calls++;
          expect(theta[0]).toBeGreaterThanOrEqual(0);
          expect(theta[2]).toBeGreaterThanOrEqual(0);
          return profiledDeviance(sleep, theta);
        },
      },
      Float64Array.of(1, 0, 1),
      {
        ...modelOptions,
        bounds: {
          lower: Float64Array.of(0, -infinity, 0),
          upper: Float64Array.of(infinity, infinity, infinity),
        },
      },
    );
    expect(result.status).toBe("converged");
    expect(result.evaluations).toBe(calls);
    // Recorded 2026-12-04: 49 evaluations, as the default solver.
    expect(result.evaluations).toBeLessThanOrEqual(55);
    expect(Math.abs(result.value - 1751.9393444632)).toBeLessThan(1e-6);
    expect(result.theta[0]).toBeCloseTo(0.929225387595172, 3);
    expect(result.theta[1]).toBeCloseTo(0.0181656841314699, 3);
    expect(result.theta[2]).toBeCloseTo(0.222645424073262, 3);
  });

  it("solves Rosenbrock from (−1.2, 1) with x₁ ≤ 0.5, the optimum on the bound", () => {
    const rosenbrock = {
      dimension: 2,
      value: (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2,
    };
    const result = bobyqa({ trustRegion: "trsbox" }).minimize(
      rosenbrock,
      Float64Array.of(-1.2, 1),
      {
        bounds: {
          lower: Float64Array.of(-infinity, -infinity),
          upper: Float64Array.of(0.5, infinity),
        },
      },
    );
    expect(result.status).toBe("converged");
    expect(result.theta[0]).toBe(0.5);
    // On x₁ = 0.5 the objective is 100(x₂ − 0.25)² + 0.25.
    expect(result.theta[1]).toBeCloseTo(0.25, 6);
    expect(result.evaluations).toBeLessThan(200);
  });

  it("rejects an unknown solver name", () => {
    expect(() => bobyqa({ trustRegion: "exact" as "trsbox" })).toThrow(/trustRegion/);
  });
});
