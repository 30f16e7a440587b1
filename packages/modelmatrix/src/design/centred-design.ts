/**
 * A column varying by no more than this fraction of its magnitude is constant up to rounding
 * (about 2¹⁰ units in the last place).
 */
export const CONSTANT_COLUMN_RELATIVE = 2 ** -42;

/**
 * When column 0 of the n×p column-major `design` is a nonzero constant (the intercept): a copy
 * with every other column centred about its mean, and set to 0 where it is constant up to
 * rounding; otherwise null. Adding multiples of the constant column leaves the span unchanged,
 * but the rank decision then measures each column against its own variation instead of its
 * distance from 0, so x and x + 1e12 are kept or dropped alike (R's `qr()` drops x + 1e8 whose
 * spread is below 1e-7 of its norm).
 */
export function centredAboutIntercept(
  design: Float64Array,
  n: number,
  p: number,
): Float64Array | null {
  if (n === 0 || p < 2 || design[0] === 0) return null;
  for (let t = 1; t < n; t++) if (design[t] !== design[0]) return null;
  const out = Float64Array.from(design.subarray(0, n * p));
  for (let c = 1; c < p; c++) {
    const offset = c * n;
    let sum = 0;
    let largest = 0;
    for (let t = 0; t < n; t++) {
      sum += out[offset + t];
      largest = Math.max(largest, Math.abs(out[offset + t]));
    }
    // A second, correcting pass: the mean of a column far from 0 keeps its last digits.
    const first = sum / n;
    let correction = 0;
    for (let t = 0; t < n; t++) correction += out[offset + t] - first;
    const mean = first + correction / n;
    let spread = 0;
    for (let t = 0; t < n; t++) {
      out[offset + t] -= mean;
      spread = Math.max(spread, Math.abs(out[offset + t]));
    }
    if (spread <= CONSTANT_COLUMN_RELATIVE * largest) out.fill(0, offset, offset + n);
  }
  return out;
}
