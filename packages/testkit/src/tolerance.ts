import { expect } from "vitest";

/** Absolute and relative tolerances; a value passes when |a − e| ≤ atol + rtol·|e|. */
export interface Tolerance {
  readonly rtol?: number;
  readonly atol?: number;
}

/**
 * |actual − expected| / max(|expected|, tiny): the relative error, well defined when `expected`
 * is 0 (then it is the absolute error divided by the smallest normal double, i.e. huge unless
 * `actual` is also 0). NaN when either argument is NaN.
 */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}

function isClose(actual: number, expected: number, rtol: number, atol: number): boolean {
  if (actual === expected) return true; // also covers equal infinities
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

/**
 * Asserts, through vitest's `expect`, that `actual` is within `atol + rtol·|expected|` of
 * `expected`, elementwise for arrays (which must have equal lengths). Defaults: rtol 1e-8,
 * atol 0. The failure message names the first offending index and both values.
 */
export function expectClose(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  tolerance: Tolerance = {},
): void {
  const rtol = tolerance.rtol ?? 1e-8;
  const atol = tolerance.atol ?? 0;
  if (typeof actual === "number" || typeof expected === "number") {
    if (typeof actual !== "number" || typeof expected !== "number") {
      expect.fail("expectClose: cannot compare a number with an array");
      return;
    }
    if (!isClose(actual, expected, rtol, atol)) {
      expect.fail(
        `expected ${actual} to be within atol ${atol} + rtol ${rtol} of ${expected} (relative error ${relativeError(actual, expected)})`,
      );
    }
    return;
  }
  if (actual.length !== expected.length) {
    expect.fail(
      `expectClose: length ${actual.length} differs from expected length ${expected.length}`,
    );
    return;
  }
  for (let i = 0; i < expected.length; i++) {
    if (!isClose(actual[i], expected[i], rtol, atol)) {
      expect.fail(
        `element ${i}: expected ${actual[i]} to be within atol ${atol} + rtol ${rtol} of ${expected[i]}`,
      );
    }
  }
}
