import { describe, expect, it } from "vitest";
import {
  formatCorrelation,
  formatFixed,
  formatPValue,
  formatSignificant,
  significantDecimals,
} from "./number-format";

describe("number formatting", () => {
  it("prints 6 significant digits without trailing zeros", () => {
    expect(formatSignificant(1527.5)).toBe("1527.5");
    expect(formatSignificant(17.6945537377777)).toBe("17.6946");
    expect(formatSignificant(251.405104848484)).toBe("251.405");
    expect(formatSignificant(0.000123456789)).toBe("0.000123457");
    expect(formatSignificant(12345678)).toBe("1.23457e+7");
    expect(formatSignificant(0)).toBe("0");
    expect(formatSignificant(Number.NaN)).toBe("NaN");
    expect(formatSignificant(Number.NEGATIVE_INFINITY)).toBe("-Inf");
    expect(significantDecimals(5.71683457988983)).toBe(5);
    expect(significantDecimals(37.2603461563896)).toBe(4);
    expect(significantDecimals(1.5e-7)).toBe(8);
    expect(significantDecimals(2e-9)).toBe(9);
    expect(significantDecimals(1.23456789e9)).toBe(0);
    expect(significantDecimals(1234.5)).toBe(1);
  });

  it("prints fixed decimals without a negative zero", () => {
    expect(formatFixed(-163.663529940568, 4)).toBe("-163.6635");
    expect(formatFixed(-0.00001, 2)).toBe("0.00");
    expect(formatFixed(2, 3)).toBe("2.000");
  });

  it("prints p-values with 4 decimals, or as a true bound below 1e-4", () => {
    expect(formatPValue(0.05)).toBe("0.0500");
    expect(formatPValue(1)).toBe("1.0000");
    expect(formatPValue(1e-4)).toBe("0.0001");
    expect(formatPValue(9.99e-5)).toBe("<1e-04");
    expect(formatPValue(1e-5)).toBe("<1e-04");
    expect(formatPValue(3.2e-12)).toBe("<1e-11");
    expect(formatPValue(7.1e-10)).toBe("<1e-09");
    expect(formatPValue(1e-300)).toBe("<1e-99");
    expect(formatPValue(0)).toBe("<1e-99");
    expect(formatPValue(Number.NaN)).toBe("NaN");
  });

  it("prints correlations with a sign, and structural zeros as a dot", () => {
    expect(formatCorrelation(0.0813199745870965)).toBe("+0.08");
    expect(formatCorrelation(-0.89)).toBe("-0.89");
    expect(formatCorrelation(-0)).toBe(".");
    expect(formatCorrelation(0)).toBe("+0.00");
    expect(formatCorrelation(-0.001)).toBe("+0.00");
  });
});
