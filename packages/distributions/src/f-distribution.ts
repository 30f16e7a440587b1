import { chiSquareCdf, chiSquareSurvival } from "./chi-square";
import { regularizedBetaTails } from "./regularized-beta";

function checkDegreesOfFreedom(df1: number, df2: number, caller: string): void {
  if (!(df1 > 0) || !(df2 > 0)) {
    throw new RangeError(`${caller}: degrees of freedom must be positive, got ${df1}, ${df2}`);
  }
}

/**
 * Both tails of the F distribution at x ≥ 0 from the regularized incomplete beta function:
 * P(F ≤ x) = I_u(df1/2, df2/2) with u = df1·x/(df1·x + df2); u and 1 − u are both formed as
 * ratios, without a subtraction, so neither tail loses digits. An infinite df reduces to a
 * chi-square: F(df1, ∞) = χ²(df1)/df1, and F(∞, df2) = df2/χ²(df2).
 */
function fTails(x: number, df1: number, df2: number): { lower: number; upper: number } {
  if (df1 === Infinity && df2 === Infinity) {
    return x < 1 ? { lower: 0, upper: 1 } : { lower: 1, upper: 0 };
  }
  if (df2 === Infinity) {
    return { lower: chiSquareCdf(x * df1, df1), upper: chiSquareSurvival(x * df1, df1) };
  }
  if (df1 === Infinity) {
    // P(df2/χ² ≤ x) = P(χ² ≥ df2/x).
    return { lower: chiSquareSurvival(df2 / x, df2), upper: chiSquareCdf(df2 / x, df2) };
  }
  const scaled = df1 * x;
  const u = scaled / (scaled + df2);
  const v = df2 / (scaled + df2);
  return regularizedBetaTails(u, v, df1 / 2, df2 / 2);
}

/**
 * The upper tail P(F_{df1,df2} > x), the p-value of an F statistic, computed directly (never as
 * 1 − cdf), e.g. fSurvival(3, 2, 10) = (1 + 2·3/10)⁻⁵ = 0.095367431640625.
 * 1 for x ≤ 0, NaN for NaN; either df may be Infinity.
 *
 * @throws RangeError when a df is not positive.
 */
export function fSurvival(x: number, df1: number, df2: number): number {
  checkDegreesOfFreedom(df1, df2, "fSurvival");
  if (Number.isNaN(x) || Number.isNaN(df1) || Number.isNaN(df2)) return Number.NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return fTails(x, df1, df2).upper;
}

/**
 * The distribution function P(F_{df1,df2} ≤ x), accurate in relative terms in the lower tail.
 * 0 for x ≤ 0, NaN for NaN; either df may be Infinity.
 *
 * @throws RangeError when a df is not positive.
 */
export function fCdf(x: number, df1: number, df2: number): number {
  checkDegreesOfFreedom(df1, df2, "fCdf");
  if (Number.isNaN(x) || Number.isNaN(df1) || Number.isNaN(df2)) return Number.NaN;
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return fTails(x, df1, df2).lower;
}
