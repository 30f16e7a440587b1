import { describe, expect, it } from "vitest";
import { bobyqa } from "../src/index";

// bobyqa({ trustRegion: "trsbox" }): the subproblem solved by TRSBOX's rules (NLopt's), an
// alternative to the default solver (see the setting's documentation for what it measured).
const infinity = Number.POSITIVE_INFINITY;

describe('bobyqa({ trustRegion: "trsbox" })', () => {
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
