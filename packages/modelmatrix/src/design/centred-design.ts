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
  const centring = interceptCentring(design, n, p, null);
  return centring === null ? null : centredCopy(design, n, p, centring);
}

/** Each column's mean (index 0 unused) and whether it is constant up to rounding (then zeroed). */
export interface InterceptCentring {
  readonly means: Float64Array;
  readonly constant: Uint8Array;
}

/**
 * The centring `centredAboutIntercept` applies, or null without a constant column 0. The means
 * are summed over all n rows in order; the largest value and the spread, which do not depend on
 * the order, over the rows `distinct` lists when given (rows holding every distinct row of X).
 */
export function interceptCentring(
  design: Float64Array,
  n: number,
  p: number,
  distinct: Int32Array | null,
): InterceptCentring | null {
  if (n === 0 || p < 2 || design[0] === 0) return null;
  for (let t = 1; t < n; t++) if (design[t] !== design[0]) return null;
  const means = new Float64Array(p);
  const constant = new Uint8Array(p);
  const count = distinct === null ? n : distinct.length;
  for (let c = 1; c < p; c++) {
    const offset = c * n;
    let sum = 0;
    for (let t = 0; t < n; t++) sum += design[offset + t];
    // A second, correcting pass: the mean of a column far from 0 keeps its last digits.
    const first = sum / n;
    let correction = 0;
    for (let t = 0; t < n; t++) correction += design[offset + t] - first;
    const mean = first + correction / n;
    let largest = 0;
    let spread = 0;
    for (let k = 0; k < count; k++) {
      const value = design[offset + (distinct === null ? k : distinct[k])];
      largest = Math.max(largest, Math.abs(value));
      spread = Math.max(spread, Math.abs(value - mean));
    }
    means[c] = mean;
    constant[c] = spread <= CONSTANT_COLUMN_RELATIVE * largest ? 1 : 0;
  }
  return { means, constant };
}

/** A copy of the m×p column-major `x` with `centring` applied to columns 1.. */
export function centredCopy(
  x: Float64Array,
  m: number,
  p: number,
  centring: InterceptCentring,
): Float64Array {
  const out = Float64Array.from(x.subarray(0, m * p));
  for (let c = 1; c < p; c++) {
    const offset = c * m;
    if (centring.constant[c] === 1) {
      out.fill(0, offset, offset + m);
      continue;
    }
    const mean = centring.means[c];
    for (let t = 0; t < m; t++) out[offset + t] -= mean;
  }
  return out;
}
