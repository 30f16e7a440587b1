import { LOG_SQRT_2PI, stirlingError } from "./internal/stirling-error";
import { log, sin } from "./internal/elementary";

/**
 * log |Γ(x)|, the log of the absolute value of the gamma function.
 *
 * For x > 0 it is computed as S(x) + (x − ½)·log x − x + log √(2π) with S the Stirling error,
 * absolute error a few ulps of max(1, |log Γ(x)|) (so near the zeros at 1 and 2 the error is
 * absolute, not relative). Negative non-integers use the reflection formula. Returns +Infinity at
 * 0 and the negative integers, NaN for NaN.
 */
export function lgamma(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  if (x <= 0) {
    if (Number.isInteger(x)) return Number.POSITIVE_INFINITY;
    // Γ(x)·Γ(1 − x) = π / sin(πx); reduce before multiplying by π to keep sin accurate.
    const sinPi = Math.abs(sin(Math.PI * (x - Math.round(x))));
    return log(Math.PI / sinPi) - lgamma(1 - x);
  }
  return stirlingError(x) + (x - 0.5) * log(x) - x + LOG_SQRT_2PI;
}
