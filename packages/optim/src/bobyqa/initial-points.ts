/**
 * Coordinates of the first interpolation points along axis i, from the start's coordinate x
 * inside [lower, upper] (a width of at least 2ρ): `first` is x ± ρ, `second` the other side, or
 * x + 2·(first − x) when the box is in the way, or the far bound when neither fits. Both lie in
 * the box exactly (rounding included).
 */
export function axisPositions(
  x: number,
  lower: number,
  upper: number,
  rho: number,
): { first: number; second: number } {
  const { first, second } = idealOffsets(x, lower, upper, rho);
  const inside = (offset: number) => Math.min(Math.max(x + offset, lower), upper);
  return { first: inside(first), second: inside(second) };
}

function idealOffsets(
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
