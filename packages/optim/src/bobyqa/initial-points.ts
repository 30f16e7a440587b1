/**
 * Offsets of the first interpolation points along coordinate i from the start x (inside
 * [lower, upper], whose width is at least 2ρ): `first` is ±ρ, `second` the other side, or 2·first
 * when the box is in the way, or the far bound when neither fits.
 */
export function axisOffsets(
  x: number,
  lower: number,
  upper: number,
  rho: number,
): { first: number; second: number } {
  const first = x + rho <= upper ? rho : -rho;
  if (x - first >= lower && x - first <= upper) return { first, second: -first };
  if (x + 2 * first >= lower && x + 2 * first <= upper) return { first, second: 2 * first };
  const towardUpper = upper - x;
  const towardLower = lower - x;
  const second =
    first > 0
      ? towardUpper - first >= -towardLower
        ? towardUpper
        : towardLower
      : -towardLower + first >= towardUpper
        ? towardLower
        : towardUpper;
  return { first, second };
}
