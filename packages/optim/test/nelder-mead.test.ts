import { isOptimizerV1, ModelError } from "@mixedmodels/core";
import { expectClose } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { nelderMead } from "../src/index";

const rosenbrock = {
  dimension: 2,
  value: (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2,
};

describe("nelderMead", () => {
  it("is an OptimizerV1 named nelder-mead that supports bounds", () => {
    const optimizer = nelderMead();
    expect(isOptimizerV1(optimizer)).toBe(true);
    expect(optimizer.name).toBe("nelder-mead");
    expect(optimizer.capabilities.bounds).toBe(true);
  });

  it("solves Rosenbrock from (−1.2, 1)", () => {
    const result = nelderMead().minimize(rosenbrock, Float64Array.of(-1.2, 1));
    expect(result.status).toBe("converged");
    expectClose(result.theta, [1, 1], { atol: 1e-6, rtol: 0 });
  });

  it("stops earlier with looser ftol and xtol", () => {
    const plain = nelderMead().minimize(rosenbrock, Float64Array.of(-1.2, 1));
    const loose = nelderMead().minimize(rosenbrock, Float64Array.of(-1.2, 1), { ftolAbs: 1e-3 });
    expect(loose.evaluations).toBeLessThan(plain.evaluations);
    expect(loose.message).toContain("ftol");
    const byX = nelderMead().minimize(rosenbrock, Float64Array.of(-1.2, 1), { xtolAbs: 1e-3 });
    expect(byX.evaluations).toBeLessThan(plain.evaluations);
    expect(byX.message).toContain("xtolAbs");
  });

  it("works in one dimension with the optimum on a bound", () => {
    const result = nelderMead().minimize(
      { dimension: 1, value: (x) => (x[0] + 1) ** 2 },
      Float64Array.of(2),
      {
        bounds: { lower: Float64Array.of(0), upper: Float64Array.of(5) },
      },
    );
    expect(result.theta[0]).toBe(0);
  });

  it("rejects invalid settings", () => {
    expect(() => nelderMead({ minSimplexSize: 0 })).toThrow(ModelError);
    expect(() => nelderMead({ restarts: 1.5 })).toThrow(/restarts/);
    expect(() =>
      nelderMead({ initialStep: -1 }).minimize(rosenbrock, Float64Array.of(0, 0)),
    ).toThrow(/initial step/);
  });
});
