import { LN2_HI, LN2_LO } from "./log-polynomial";

/** Written by {@link reduceByLn2}: k, then x − k·ln2 as head − tail. */
export const ln2Reduction = new Float64Array(3);

/**
 * The reduction shared by exp and expm1 (fdlibm's): x = k·ln2 + (head − tail) with k the nearest
 * integer to x/ln2, for |x| > ln2/2 (`magnitudeHigh` > 0x3fd62e42). k·LN2_HI is exact (k has at
 * most 11 bits, LN2_HI 32), so head = x − k·LN2_HI is exact and only the tail k·LN2_LO rounds.
 * Below 1.5·ln2, k = ±1 without a multiplication.
 */
export function reduceByLn2(x: number, negative: boolean, magnitudeHigh: number): void {
  let k: number;
  let head: number;
  let tail: number;
  if (magnitudeHigh < 0x3ff0a2b2) {
    head = negative ? x + LN2_HI : x - LN2_HI;
    tail = negative ? -LN2_LO : LN2_LO;
    k = negative ? -1 : 1;
  } else {
    k = Math.trunc(Math.LOG2E * x + (negative ? -0.5 : 0.5));
    head = x - k * LN2_HI;
    tail = k * LN2_LO;
  }
  ln2Reduction[0] = k;
  ln2Reduction[1] = head;
  ln2Reduction[2] = tail;
}
