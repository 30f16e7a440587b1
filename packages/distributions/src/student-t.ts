import { normalSurvival } from "./normal";
import { regularizedBetaTails } from "./regularized-beta";

/**
 * The upper tail P(T_df > t) of Student's t distribution, from the regularized incomplete beta
 * function: P(|T| > |t|) = I_x(df/2, ½) with x = df/(df + t²). Both x and 1 − x are formed from
 * r = df/t² without subtraction, so large |t| (tiny p-values) and small |t| stay accurate.
 * df = Infinity gives the normal tail. NaN for NaN.
 *
 * @throws RangeError when df is not positive.
 */
export function tSurvival(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`tSurvival: degrees of freedom must be positive, got ${df}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalSurvival(t);
  if (t === 0) return 0.5;
  if (!Number.isFinite(t)) return t > 0 ? 0 : 1;
  const r = df / Math.abs(t) / Math.abs(t);
  // Written so that r = Infinity (|t| subnormal) and r = 0 (|t| huge) both give exact limits.
  const x = 1 / (1 + 1 / r);
  const y = 1 / (1 + r);
  // lower = I_x(df/2, ½) = P(|T| > |t|).
  const twoSided = regularizedBetaTails(x, y, df / 2, 0.5);
  return t > 0 ? 0.5 * twoSided.lower : 0.5 + 0.5 * twoSided.upper;
}

/**
 * Student's t distribution function P(T_df ≤ t) = tSurvival(−t, df), accurate in the lower tail.
 *
 * @throws RangeError when df is not positive.
 */
export function tCdf(t: number, df: number): number {
  return tSurvival(-t, df);
}
