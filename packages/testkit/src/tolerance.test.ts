import { describe, expect, it } from "vitest";
import { expectClose, relativeError } from "./tolerance";

describe("relativeError", () => {
  it("divides the absolute error by |expected|", () => {
    expect(relativeError(1.1, 1)).toBeCloseTo(0.1, 15);
    expect(relativeError(-2, -4)).toBe(0.5);
  });
  it("is 0 for equal values, including infinities, and huge against an expected 0", () => {
    expect(relativeError(0, 0)).toBe(0);
    expect(relativeError(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(0);
    expect(relativeError(1e-300, 0)).toBeGreaterThan(1e10);
  });
  it("is NaN when a value is NaN", () => {
    expect(relativeError(Number.NaN, 1)).toBeNaN();
  });
});

describe("expectClose", () => {
  it("accepts values within atol + rtol·|expected|", () => {
    expectClose(1 + 1e-9, 1);
    expectClose(1e-12, 0, { atol: 1e-10 });
    expectClose([1, 2.001], Float64Array.of(1, 2), { rtol: 1e-3 });
  });
  it("rejects values outside the tolerance and names the element", () => {
    expect(() => expectClose(1.01, 1, { rtol: 1e-3 })).toThrow(/within/);
    expect(() => expectClose([1, 3], [1, 2], { atol: 0.5 })).toThrow(/element 1/);
    expect(() => expectClose([1], [1, 2])).toThrow(/length/);
    expect(() => expectClose(Number.NaN, 1, { atol: 1 })).toThrow();
  });
});
