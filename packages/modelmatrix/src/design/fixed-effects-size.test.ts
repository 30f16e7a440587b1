import { thrown } from "@mixedmodels/testkit";
import { ModelError } from "@mixedmodels/core";
import { describe, expect, it } from "vitest";
import { buildModelParts } from "../build-model-parts";

/** n rows, a factor f with `levels` levels (each used), a response and 10 groups. */
function manyLevels(n: number, levels: number) {
  const y = new Float64Array(n);
  const f: string[] = new Array(n);
  const g: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = (i * 7919) % 101;
    f[i] = `L${i % levels}`;
    g[i] = `g${i % 10}`;
  }
  return { y, f, g };
}

const modelError = (run: () => unknown): ModelError => thrown(run, ModelError);

describe("the size of X is checked before anything large is allocated", () => {
  it("100k rows and a 50k-level fixed factor: a ModelError with the sizes and a random-effects term", () => {
    // Before: RangeError: Invalid typed array length (an X of 100000 × 50000 doubles, 40 GB).
    const error = modelError(() =>
      buildModelParts("y ~ 1 + f + (1 | g)", manyLevels(100_000, 50_000)),
    );
    expect(error.term).toBe("f");
    expect(error.message).toContain(
      "the fixed-effects matrix X would have 100000 rows × 50000 columns (40.0 GB) and its cross-product block 50000 × 50000 (20.0 GB)",
    );
    expect(error.message).toContain(
      "Term 'f' alone gives 49999 columns (factor 'f' has 50000 levels)",
    );
    expect(error.message).toContain("(1 | f)");
  });

  it("5k levels exceed the default of 2000 columns; maxFixedEffects moves the limit", () => {
    // Before: X of 10000 × 5000 was built and the fit ran for minutes.
    const error = modelError(() =>
      buildModelParts("y ~ 1 + f + (1 | g)", manyLevels(10_000, 5_000)),
    );
    expect(error.message).toContain("10000 rows × 5000 columns (400.0 MB)");
    const small = manyLevels(40, 4);
    expect(() => buildModelParts("y ~ 1 + f + (1 | g)", small, { maxFixedEffects: 3 })).toThrow(
      /40 rows × 4 columns/,
    );
    expect(buildModelParts("y ~ 1 + f + (1 | g)", small, { maxFixedEffects: 4 }).X.p).toBe(4);
  });
});
