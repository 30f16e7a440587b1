/*
 * sin and cos on [−π/4, π/4] for an argument given as x + y (y the tail of a reduced argument),
 * by the method of fdlibm's k_sin.c and FreeBSD msun's k_cos.c: odd and even minimax polynomials
 * of degree 13 and 14 (Remez errors below 2^-58 and 2^-58.3 on the interval), with the tail y
 * entering only through the first-order correction terms, and cos's leading 1 − x²/2 summed so
 * its rounding error is recovered.
 */
const S1 = -0.16666666666666632;
const S2 = 0.00833333333332249;
const S3 = -0.0001984126982985795;
const S4 = 0.0000027557313707070068;
const S5 = -2.5050760253406863e-8;
const S6 = 1.58969099521155e-10;

const C1 = 0.0416666666666666;
const C2 = -0.001388888888887411;
const C3 = 0.00002480158728947673;
const C4 = -2.7557314351390663e-7;
const C5 = 2.087572321298175e-9;
const C6 = -1.1359647557788195e-11;

/** sin(x + y) for |x + y| ≤ π/4, |y| ≤ ulp(x)/2. */
export function sinKernel(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (y === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x + y| ≤ π/4, |y| ≤ ulp(x)/2. */
export function cosKernel(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const halfZ = 0.5 * z;
  const head = 1 - halfZ;
  return head + (1 - head - halfZ + (z * r - x * y));
}
