/**
 * The cases of xʸ that ECMAScript defines exactly (Number::exponentiate), which differ from C99's
 * pow in two places: 1^NaN and (±1)^±Infinity are NaN. Returns undefined when the general method
 * applies (x finite, nonzero and not ±1, y finite and nonzero, neither NaN).
 */
export function exactPower(x: number, y: number): number | undefined {
  if (y === 0) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  const ax = Math.abs(x);
  if (y === Number.POSITIVE_INFINITY || y === Number.NEGATIVE_INFINITY) {
    if (ax === 1) return Number.NaN;
    return ax > 1 === y > 0 ? Number.POSITIVE_INFINITY : 0;
  }
  if (x === 0 || ax === Number.POSITIVE_INFINITY) {
    // |x|^y is 0 or Infinity; the sign is negative only for a negative x and an odd integer y.
    const magnitude = (ax === 0) === y > 0 ? 0 : Number.POSITIVE_INFINITY;
    const negativeBase = x < 0 || Object.is(x, -0);
    return negativeBase && isOddInteger(y) ? -magnitude : magnitude;
  }
  if (x < 0 && Math.floor(y) !== y) return Number.NaN;
  if (ax === 1) return x < 0 && isOddInteger(y) ? -1 : 1;
  return undefined;
}

/** Whether finite y is an odd integer (every double beyond 2^53 is even). */
export function isOddInteger(y: number): boolean {
  if (Math.floor(y) !== y || Math.abs(y) >= 9007199254740992) return false;
  return Math.floor(y / 2) * 2 !== y;
}
