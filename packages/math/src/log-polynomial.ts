/*
 * The kernel shared by log and log1p (fdlibm's e_log.c / s_log1p.c): for f = m − 1 with
 * m in [√2/2, √2), log(1 + f) = 2s + 2s³/3 + … with s = f/(2 + f); R(z) below approximates
 * the tail (log(1+f) − 2s)/s − ... as a degree-14 minimax polynomial in s (|error| < 2^-58.45),
 * split in even and odd halves so both chains run with short dependencies.
 */
const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

/** R(s²) for s = f/(2 + f). */
export function logTailPolynomial(z: number): number {
  const w = z * z;
  const odd = w * (LG2 + w * (LG4 + w * LG6));
  const even = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  return even + odd;
}

/** ln 2 in a 32-bit head (so k·LN2_HI is exact for |k| < 2^11) and a tail. */
export const LN2_HI = 0.6931471803691238;
export const LN2_LO = 1.9082149292705877e-10;
