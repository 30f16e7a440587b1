/**
 * The elementary functions every family and link calls, from `@mixedmodels/math`: the same bits
 * on every JavaScript engine (the engine's Math.exp/log may differ by an ulp), so PIRLS takes the
 * same steps everywhere. `Math.sqrt`, `abs`, `min`, `max` and `floor` are exact and are used
 * directly elsewhere. tan and atan, which the math package does not provide, are built here
 * from its sin and cos and from exact operations.
 */
import { cos, sin } from "@mixedmodels/math";

export { exp, expm1, log, log1p, pow } from "@mixedmodels/math";

export function tan(x: number): number {
  return sin(x) / cos(x);
}

const HALF_PI = Math.PI / 2;

/**
 * arctangent from exact operations only: |x| > 1 is reflected through π/2 − atan(1/x), two
 * half-angle steps atan(x) = 2·atan(x/(1 + √(1 + x²))) bring the argument below tan(π/16) ≈ 0.2,
 * and the Taylor series finishes (terms fall by 25× each). A few ulps; cauchit is its only user.
 */
export function atan(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return -atan(-x);
  if (x === Infinity) return HALF_PI;
  if (x > 1) return HALF_PI - atan(1 / x);
  let t = x;
  for (let step = 0; step < 2; step++) t = t / (1 + Math.sqrt(1 + t * t));
  const t2 = t * t;
  let term = t;
  let sum = t;
  for (let k = 1; k < 30; k++) {
    term *= -t2;
    const next = sum + term / (2 * k + 1);
    if (next === sum) break;
    sum = next;
  }
  return 4 * sum;
}
