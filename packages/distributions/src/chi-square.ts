import { regularizedGammaTails } from "./regularized-gamma";

function checkDegreesOfFreedom(df: number, caller: string): void {
  if (!(df > 0) || df === Number.POSITIVE_INFINITY) {
    throw new RangeError(`${caller}: degrees of freedom must be positive and finite, got ${df}`);
  }
}

/**
 * The upper tail P(χ²_df > x) = Q(df/2, x/2), the p-value of a chi-square statistic, computed
 * directly in the upper tail: relative error below 1e-12 (typically 1e-14) where it is above
 * 1e-300, e.g. chiSquareSurvival(3.84, 1) = 0.05004352124870519. 1 for x ≤ 0, NaN for NaN.
 *
 * @throws RangeError when df is not positive and finite.
 */
export function chiSquareSurvival(x: number, df: number): number {
  checkDegreesOfFreedom(df, "chiSquareSurvival");
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  return regularizedGammaTails(df / 2, x / 2).upper;
}

/**
 * The distribution function P(χ²_df ≤ x) = P(df/2, x/2), accurate in relative terms in the lower
 * tail too. 0 for x ≤ 0, NaN for NaN.
 *
 * @throws RangeError when df is not positive and finite.
 */
export function chiSquareCdf(x: number, df: number): number {
  checkDegreesOfFreedom(df, "chiSquareCdf");
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  return regularizedGammaTails(df / 2, x / 2).lower;
}
