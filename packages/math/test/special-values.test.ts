import { describe, expect, it } from "vitest";
import { cos, exp, expm1, log, log1p, pow, sin, ulpDistance } from "../src/index";

/** The engine's own power function, the reference these tests compare with. */
const enginePow: (x: number, y: number) => number = Math.pow;

const MIN_SUBNORMAL = 5e-324;
const MIN_NORMAL = 2.2250738585072014e-308;
const MAX = 1.7976931348623157e308;

/** Object.is, so that +0 and −0 (and NaN) are told apart. */
function same(actual: number, expected: number): void {
  expect(Object.is(actual, expected), `${actual} vs ${expected}`).toBe(true);
}

describe("special values", () => {
  it("exp: ±0, ±Infinity, NaN, thresholds", () => {
    same(exp(0), 1);
    same(exp(-0), 1);
    same(exp(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    same(exp(Number.NEGATIVE_INFINITY), 0);
    same(exp(Number.NaN), Number.NaN);
    // Overflow threshold ln(MAX) = 709.782712893384: the last finite value and the first infinite.
    same(exp(709.782712893384), 1.7976931348622732e308);
    same(exp(709.7827128933841), Number.POSITIVE_INFINITY);
    // Underflow: the least subnormal is returned down to −745.1332191019411, then 0.
    same(exp(-745.1332191019411), MIN_SUBNORMAL);
    same(exp(-745.1332191019412), 0);
    same(exp(-708.3964185322641), 2.2250738585072626e-308); // just above the least normal
    same(exp(-740), 4.2e-322); // a subnormal result, rounded once
    same(exp(MIN_SUBNORMAL), 1);
    same(exp(1e-300), 1);
  });

  it("expm1: ±0, ±Infinity, NaN, tiny and large", () => {
    same(expm1(0), 0);
    same(expm1(-0), -0);
    same(expm1(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    same(expm1(Number.NEGATIVE_INFINITY), -1);
    same(expm1(Number.NaN), Number.NaN);
    same(expm1(MIN_SUBNORMAL), MIN_SUBNORMAL);
    same(expm1(-MIN_NORMAL), -MIN_NORMAL);
    same(expm1(1e-10), 1.00000000005e-10);
    same(expm1(-36), -0.9999999999999998); // −1 + 2.3195e-16, two steps of 2^-53 above −1
    same(expm1(-40), -1); // −1 + 4.2e-18 rounds to −1
    same(expm1(-50), -1);
    same(expm1(709.782712893384), 1.7976931348622732e308);
    same(expm1(709.7827128933841), Number.POSITIVE_INFINITY);
  });

  it("log: ±0, negatives, ±Infinity, NaN, subnormals, 1", () => {
    same(log(0), Number.NEGATIVE_INFINITY);
    same(log(-0), Number.NEGATIVE_INFINITY);
    same(log(-1), Number.NaN);
    same(log(-MIN_SUBNORMAL), Number.NaN);
    same(log(Number.NEGATIVE_INFINITY), Number.NaN);
    same(log(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    same(log(Number.NaN), Number.NaN);
    same(log(1), 0);
    same(log(MIN_SUBNORMAL), -744.4400719213812);
    same(log(MIN_NORMAL), -708.3964185322641);
    same(log(MAX), 709.782712893384);
    same(log(2), Math.LN2);
    same(log(10), Math.LN10);
  });

  it("log1p: ±0, −1, below −1, ±Infinity, NaN, tiny", () => {
    same(log1p(0), 0);
    same(log1p(-0), -0);
    same(log1p(-1), Number.NEGATIVE_INFINITY);
    same(log1p(-1.0000000000000002), Number.NaN);
    same(log1p(Number.NEGATIVE_INFINITY), Number.NaN);
    same(log1p(Number.POSITIVE_INFINITY), Number.POSITIVE_INFINITY);
    same(log1p(Number.NaN), Number.NaN);
    same(log1p(MIN_SUBNORMAL), MIN_SUBNORMAL);
    same(log1p(1e-20), 1e-20);
    same(log1p(MAX), 709.782712893384);
  });

  it("sin and cos: ±0, ±Infinity, NaN, tiny, multiples of π/2", () => {
    same(sin(0), 0);
    same(sin(-0), -0);
    same(cos(0), 1);
    same(cos(-0), 1);
    for (const f of [sin, cos]) {
      same(f(Number.POSITIVE_INFINITY), Number.NaN);
      same(f(Number.NEGATIVE_INFINITY), Number.NaN);
      same(f(Number.NaN), Number.NaN);
    }
    same(sin(MIN_SUBNORMAL), MIN_SUBNORMAL);
    same(sin(-1e-300), -1e-300);
    same(cos(1e-300), 1);
    // sin(π) is π − Math.PI to first order: the reduction must keep the bits below π's double.
    same(sin(Math.PI), 1.2246467991473532e-16);
    same(cos(Math.PI / 2), 6.123233995736766e-17);
    same(cos(Math.PI), -1);
    same(sin(Math.PI / 2), 1);
  });

  it("sin and cos at arguments that are hard to reduce", () => {
    // 6381956970095103·2^797 is the double closest to an odd multiple of π/2 (Kahan and
    // McDonald; Muller, Elementary Functions, table 11.1): x mod π/2 is 4.6871659242546276e-19.
    const hardest = 6381956970095103 * 2 ** 797;
    same(sin(hardest), 1);
    expect(Math.abs(Math.abs(cos(hardest)) / 4.687165924254628e-19 - 1)).toBeLessThan(2.3e-16);
    // Cody–Waite's range end, 2^20·π/2 (a multiple of 2π plus about 6e-11).
    same(cos(1647099.3291652855), 1);
    expect(Math.abs(sin(1647099.3291652855))).toBeLessThan(1e-9);
    // The classic check values: sin(1e22) = −0.8522008497671888…, cos(1e22) = 0.523214785395139…
    same(sin(1e22), -0.8522008497671888);
    same(cos(1e22), 0.523214785395139);
  });
});

describe("pow's special cases, as ECMAScript defines them", () => {
  const values = [
    0,
    -0,
    1,
    -1,
    0.5,
    -0.5,
    2,
    -2,
    3,
    -3,
    1.5,
    -1.5,
    MIN_SUBNORMAL,
    -MIN_SUBNORMAL,
    MAX,
    -MAX,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NaN,
    2 ** 53,
    -(2 ** 53),
    2 ** 53 + 2,
    2 ** 31 + 1,
    -(2 ** 31) - 1,
    1 + 2 ** -52,
    1 - 2 ** -53,
    1e300,
    -1e-300,
  ];
  it("every pair of special and boundary values agrees with the engine: exactly where the specification fixes the result, else to 1 ulp", () => {
    const mismatches: string[] = [];
    for (const x of values) {
      for (const y of values) {
        const ours = pow(x, y);
        const engine = enginePow(x, y);
        // Exact where the specification fixes the value; within 1 ulp for ordinary results.
        const ordinary = Number.isFinite(engine) && engine !== 0 && Number.isFinite(ours);
        if (ordinary ? ulpDistance(ours, engine) > 1 : !Object.is(ours, engine))
          mismatches.push(`pow(${x}, ${y}) = ${ours}, Math.pow ${engine}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("the cases where ECMAScript and C99 differ", () => {
    same(pow(1, Number.NaN), Number.NaN);
    same(pow(1, Number.POSITIVE_INFINITY), Number.NaN);
    same(pow(-1, Number.NEGATIVE_INFINITY), Number.NaN);
    same(pow(Number.NaN, 0), 1);
  });

  it("signs, integer exponents and overflow", () => {
    same(pow(-0, -3), Number.NEGATIVE_INFINITY);
    same(pow(-0, -2), Number.POSITIVE_INFINITY);
    same(pow(-0, 3), -0);
    same(pow(-0, 0.5), 0);
    same(pow(Number.NEGATIVE_INFINITY, 3), Number.NEGATIVE_INFINITY);
    same(pow(Number.NEGATIVE_INFINITY, -3), -0);
    same(pow(-8, 1 / 3), Number.NaN);
    same(pow(-2, 3), -8);
    same(pow(-2, 1075), Number.NEGATIVE_INFINITY);
    same(pow(-2, -1075), -0);
    same(pow(2, -1074), MIN_SUBNORMAL);
    same(pow(2, 1023), 8.98846567431158e307);
    same(pow(2, 1024), Number.POSITIVE_INFINITY);
    same(pow(0.5, 1074), MIN_SUBNORMAL);
    same(pow(10, 308), 1e308);
    expect(ulpDistance(pow(10, -5), 0.00001)).toBeLessThanOrEqual(1);
    same(pow(MIN_SUBNORMAL, 0.5), 2.2227587494850775e-162);
  });
});
