import { exp, log1p } from "@mixedmodels/math";
import { mulberry32 } from "@mixedmodels/testkit";
import { describe, expect, it } from "vitest";
import { expFast, log1pUnit } from "./fast-elementary";

/** The doubles next to x (one ulp each way) and x itself. */
function around(x: number): number[] {
  const view = new Float64Array([x]);
  const bits = new BigInt64Array(view.buffer);
  const out: number[] = [];
  for (const delta of [-2n, -1n, 0n, 1n, 2n]) {
    const copy = new BigInt64Array([bits[0] + delta]);
    out.push(new Float64Array(copy.buffer)[0]);
  }
  return out;
}

/** The double with high word `high` and low word `low`. */
function fromWords(high: number, low = 0): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, high >>> 0);
  view.setUint32(4, low >>> 0);
  return view.getFloat64(0);
}

/** Arguments whose first mismatch (if any) is reported. */
function mismatches(f: (x: number) => number, g: (x: number) => number, xs: Iterable<number>) {
  const bad: number[] = [];
  for (const x of xs) if (!Object.is(f(x), g(x)) && bad.length < 5) bad.push(x);
  return bad;
}

function* uniform(seed: number, count: number, lo: number, hi: number): Generator<number> {
  const next = mulberry32(seed);
  for (let i = 0; i < count; i++) yield lo + (hi - lo) * next();
}

/** Magnitudes spread over every binade from 2^-60 to 2^10, both signs. */
function* logUniform(seed: number, count: number): Generator<number> {
  const next = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const x = 2 ** (-60 + 70 * next()) * (1 + next());
    yield next() < 0.5 ? -x : x;
  }
}

describe("expFast", () => {
  it("has the bits of the math package's exp on random arguments", () => {
    expect(mismatches(expFast, exp, uniform(1, 400_000, -750, 750))).toEqual([]);
    expect(mismatches(expFast, exp, uniform(2, 400_000, -40, 40))).toEqual([]);
    expect(mismatches(expFast, exp, logUniform(3, 400_000))).toEqual([]);
  });

  it("has them on every branch boundary and special value", () => {
    const edges = [
      0x3fd62e42, 0x3fd62e43, 0x3ff0a2b2, 0x3e300000, 0x40862e42, 0x4086232b, 0x40874910,
    ].flatMap((high) => [fromWords(high), fromWords(high, 0xffffffff)]);
    const specials = [0, -0, 700, -700, 709.78, -745.13, 1e-300, Math.LN2 / 2, 1.5 * Math.LN2];
    const xs = [...edges, ...specials].flatMap((x) => [...around(x), ...around(-x)]);
    expect(mismatches(expFast, exp, xs)).toEqual([]);
    for (const x of [Number.NaN, Infinity, -Infinity]) expect(expFast(x)).toBe(exp(x));
  });
});

describe("log1pUnit", () => {
  it("has the bits of the math package's log1p on [0, 1]", () => {
    expect(mismatches(log1pUnit, log1p, uniform(4, 400_000, 0, 1))).toEqual([]);
    const tiny = [...logUniform(5, 400_000)].map(Math.abs).filter((x) => x <= 1);
    expect(mismatches(log1pUnit, log1p, tiny)).toEqual([]);
  });

  it("has them on every branch boundary, at 0 and 1, and falls back elsewhere", () => {
    const edges = [0x3fda827a, 0x3e200000, 0x3c900000].flatMap((high) => around(fromWords(high)));
    // u = 1 + x at √2's boundary and just below 2 (the |f| < 2^-20 branch).
    const nearU = [0x3ff6a09e, 0x3ffffffd, 0x3fffffff].flatMap((high) =>
      around(fromWords(high) - 1),
    );
    const xs = [...edges, ...nearU, 0, -0, 1, 1 - 2 ** -53, 1 - 2 ** -52, Math.SQRT2 - 1];
    expect(mismatches(log1pUnit, log1p, xs)).toEqual([]);
    const outside = [-0.5, 1.5, 1e300, -1, Number.NaN, Infinity];
    expect(mismatches(log1pUnit, log1p, outside)).toEqual([]);
  });
});
