import { describe, expect, it } from "vitest";
import { isOptimizerV1 } from "./optimizer-v1";

describe("isOptimizerV1", () => {
  it("accepts a structural v1 optimizer and rejects look-alikes", () => {
    const optimizer = {
      specificationVersion: "v1",
      name: "noop",
      capabilities: { bounds: false, usesGradient: false },
      minimize: () => undefined,
    };
    expect(isOptimizerV1(optimizer)).toBe(true);
    expect(isOptimizerV1({ ...optimizer, specificationVersion: "v2" })).toBe(false);
    expect(isOptimizerV1({ specificationVersion: "v1" })).toBe(false);
    expect(isOptimizerV1(null)).toBe(false);
  });
});
