import fc from "fast-check";
import { describe, expect, it } from "vitest";

describe("the run's fast-check seed", () => {
  it("reaches fast-check's global settings in every test file, so a failure names a rerunnable seed", () => {
    const seed = Number(process.env.FC_SEED);
    expect(Number.isSafeInteger(seed)).toBe(true);
    expect(fc.readConfigureGlobal().seed).toBe(seed);
    // Two runs of a property under the run's seed see the same cases: the seed decides them.
    const cases = () =>
      fc.sample(fc.integer(), { numRuns: 5, seed: fc.readConfigureGlobal().seed });
    expect(cases()).toEqual(cases());
  });
});
