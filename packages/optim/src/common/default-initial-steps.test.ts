import { describe, expect, it } from "vitest";
import { defaultInitialSteps } from "./default-initial-steps";

const inf = Number.POSITIVE_INFINITY;

describe("defaultInitialSteps", () => {
  it("gives lme4's sleepstudy start (1, 0, 1) with lower bounds (0, −∞, 0) the steps (0.75, 1, 0.75)", () => {
    const steps = defaultInitialSteps(
      Float64Array.of(1, 0, 1),
      Float64Array.of(0, -inf, 0),
      Float64Array.of(inf, inf, inf),
    );
    expect(Array.from(steps)).toEqual([0.75, 1, 0.75]);
  });
  it("uses a quarter of a finite box and |x| when unbounded", () => {
    const steps = defaultInitialSteps(
      Float64Array.of(0.5, -3),
      Float64Array.of(0, -inf),
      Float64Array.of(1, inf),
    );
    expect(Array.from(steps)).toEqual([0.25, 3]);
  });
});
