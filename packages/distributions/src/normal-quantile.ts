import { log } from "./internal/elementary";
// Wichura (1988), Algorithm AS 241 "The percentage points of the normal distribution", Applied
// Statistics 37, 477-484: rational approximations PPND16, relative accuracy about 1e-16.

const SPLIT_CENTRAL = 0.425;
const SPLIT_TAIL = 5;
const CENTRAL_CONSTANT = 0.180625;
const TAIL_CONSTANT = 1.6;

const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
];
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
];
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
];
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
];
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
];

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i];
  return value;
}

/**
 * The standard normal quantile Φ⁻¹(p) by Wichura's AS 241 (PPND16), relative accuracy about 1e-16.
 * Returns −Infinity at 0, +Infinity at 1, NaN for NaN. In the upper tail (p near 1) the accuracy is
 * limited by p itself: 1 − p cannot carry more digits than p has.
 *
 * @throws RangeError when p is outside [0, 1].
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  if (p < 0 || p > 1) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= SPLIT_CENTRAL) {
    const r = CENTRAL_CONSTANT - q * q;
    return (q * polynomial(A, r)) / polynomial(B, r);
  }
  let r = Math.sqrt(-log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= SPLIT_TAIL) {
    r -= TAIL_CONSTANT;
    value = polynomial(C, r) / polynomial(D, r);
  } else {
    r -= SPLIT_TAIL;
    value = polynomial(E, r) / polynomial(F, r);
  }
  return q < 0 ? -value : value;
}
