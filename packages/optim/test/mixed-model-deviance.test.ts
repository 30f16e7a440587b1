import { describe, expect, it } from "vitest";
import { bobyqa, nelderMead } from "../src/index";
import { loadGroupedData, profiledDeviance } from "./helpers/grouped-deviance";

// MixedModels.jl's optimizer settings (method.md §1.10), as the model layer passes them.
const modelOptions = { ftolRel: 1e-12, ftolAbs: 1e-8, xtolAbs: 1e-10 };
const infinity = Number.POSITIVE_INFINITY;

describe("profiled deviance helper", () => {
  it("reproduces lme4's objective at fixed θ (no optimizer involved)", () => {
    const sleep = loadGroupedData("sleepstudy.csv", 0, 1, 2);
    expect(profiledDeviance(sleep, Float64Array.of(1, 0, 1))).toBeCloseTo(1784.64229619245, 8);
    expect(
      profiledDeviance(
        sleep,
        Float64Array.of(0.929225387595172, 0.0181656841314699, 0.222645424073262),
      ),
    ).toBeCloseTo(1751.9393444632, 8);
    const dyestuff = loadGroupedData("dyestuff.csv", 1, -1, 0);
    expect(profiledDeviance(dyestuff, Float64Array.of(1))).toBeCloseTo(327.767021624614, 8);
  });
});

describe("bobyqa on lme4's profiled deviances (ML)", () => {
  // The default trust-region solver and TRSBOX's rules (bobyqa({ trustRegion: "trsbox" })).
  it.each([
    { solver: "default", optimizer: () => bobyqa() },
    { solver: "trsbox", optimizer: () => bobyqa({ trustRegion: "trsbox" }) },
  ])(
    "sleepstudy Reaction ~ 1 + Days + (1 + Days | Subject), $solver solver: within 1e-6 of 1751.939344 in ≤ 55 evaluations",
    ({ optimizer }) => {
      const sleep = loadGroupedData("sleepstudy.csv", 0, 1, 2);
      let calls = 0;
      const result = optimizer().minimize(
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
      // Recorded: 49 evaluations with either solver (lme4 needs 53); objective within 3e-10 of lme4's.
      expect(result.evaluations).toBeLessThanOrEqual(55);
      expect(Math.abs(result.value - 1751.9393444632)).toBeLessThan(1e-6);
      expect(result.theta[0]).toBeCloseTo(0.929225387595172, 3);
      expect(result.theta[1]).toBeCloseTo(0.0181656841314699, 3);
      expect(result.theta[2]).toBeCloseTo(0.222645424073262, 3);
    },
  );

  it("dyestuff Yield ~ 1 + (1 | Batch): a single θ with a lower bound of 0", () => {
    const dyestuff = loadGroupedData("dyestuff.csv", 1, -1, 0);
    const result = bobyqa().minimize(
      { dimension: 1, value: (theta) => profiledDeviance(dyestuff, theta) },
      Float64Array.of(1),
      { ...modelOptions, bounds: { lower: Float64Array.of(0), upper: Float64Array.of(infinity) } },
    );
    expect(result.status).toBe("converged");
    expect(result.evaluations).toBeLessThanOrEqual(20); // recorded: 16
    expect(Math.abs(result.value - 327.327059881135)).toBeLessThan(1e-6);
    expect(result.theta[0]).toBeCloseTo(0.752580712153816, 4);
  });

  it("dyestuff2: the optimum θ = 0 lies on the bound and is reached exactly", () => {
    const dyestuff2 = loadGroupedData("dyestuff2.csv", 1, -1, 0);
    const result = bobyqa().minimize(
      { dimension: 1, value: (theta) => profiledDeviance(dyestuff2, theta) },
      Float64Array.of(1),
      { ...modelOptions, bounds: { lower: Float64Array.of(0), upper: Float64Array.of(infinity) } },
    );
    expect(result.status).toBe("converged");
    expect(result.evaluations).toBeLessThanOrEqual(15); // recorded: 10
    expect(result.theta[0]).toBe(0);
    expect(result.value).toBeCloseTo(162.873036653826, 8);
  });

  it("nelder-mead also reaches the sleepstudy optimum, less efficiently", () => {
    const sleep = loadGroupedData("sleepstudy.csv", 0, 1, 2);
    const result = nelderMead().minimize(
      { dimension: 3, value: (theta) => profiledDeviance(sleep, theta) },
      Float64Array.of(1, 0, 1),
      {
        bounds: {
          lower: Float64Array.of(0, -infinity, 0),
          upper: Float64Array.of(infinity, infinity, infinity),
        },
      },
    );
    expect(result.status).toBe("converged");
    expect(Math.abs(result.value - 1751.9393444632)).toBeLessThan(1e-6);
  });
});
