import { describe, expect, it } from "vitest";
import { formatEvaluationLine, formatJuliaFloat } from "./julia-format";

describe("Julia-style number printing", () => {
  it("prints floats as Julia shows them", () => {
    expect(formatJuliaFloat(1)).toBe("1.0");
    expect(formatJuliaFloat(0)).toBe("0.0");
    expect(formatJuliaFloat(-0)).toBe("-0.0");
    expect(formatJuliaFloat(0.75)).toBe("0.75");
    expect(formatJuliaFloat(1e-5)).toBe("1.0e-5");
    expect(formatJuliaFloat(1.5e-7)).toBe("1.5e-7");
    expect(formatJuliaFloat(0.0001)).toBe("0.0001");
    expect(formatJuliaFloat(2e16)).toBe("2.0e16");
    expect(formatJuliaFloat(-327.76702)).toBe("-327.76702");
  });

  it("formats one verbose line per evaluation", () => {
    expect(formatEvaluationLine(1, [1], 327.767021624614)).toBe("f_1: 327.76702, [1.0]");
    expect(formatEvaluationLine(12, [1, 0, 0.5], 1784.642296)).toBe(
      "f_12: 1784.6423, [1.0, 0.0, 0.5]",
    );
  });
});
