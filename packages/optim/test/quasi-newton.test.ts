import { describe, expect, it } from "vitest";
import { quasiNewton } from "../src/index";

// The quasi-Newton method's own rules: it follows the gradient below the objective's rounding
// noise (the profiled deviance from A has about 1e-12 relative), and stops on its step rule.

/** A deterministic noise of ±amplitude from the bits of x (no Math function). */
function bitNoise(x: number, amplitude: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const word = (view.getUint32(4) ^ (view.getUint32(0) * 2654435761)) >>> 0;
  return amplitude * ((word % 2001) / 1000 - 1);
}

describe("quasiNewton", () => {
  it("finds a flat, curved valley's minimizer from the gradient where f's noise hides it", () => {
    // f = 300 + 0.01(x₀ − 1)² + 5(x₁ − x₀²)² with noise of 3e-10: along the valley f rises by
    // only 1e-10 over 1e-4 from (1, 1), so the values alone cannot place the minimizer better.
    const noisy = (noiseRelative?: number) =>
      quasiNewton(noiseRelative === undefined ? {} : { noiseRelative }).minimize(
        {
          dimension: 2,
          value: (x: Float64Array) =>
            300 +
            0.01 * (x[0] - 1) ** 2 +
            5 * (x[1] - x[0] ** 2) ** 2 +
            bitNoise(x[0] + 7 * x[1], 3e-10),
          gradient: (x: Float64Array, out: Float64Array) => {
            const inner = x[1] - x[0] ** 2;
            out[0] = 0.02 * (x[0] - 1) - 20 * x[0] * inner;
            out[1] = 10 * inner;
          },
        },
        Float64Array.of(-1.5, 2.5),
      );
    const result = noisy();
    expect(result.status).toBe("converged");
    expect(Math.abs(result.theta[0] - 1)).toBeLessThan(1e-7);
    expect(Math.abs(result.theta[1] - 1)).toBeLessThan(1e-7);
    // Without the noise allowance the line search gives up where f's changes sink into the noise.
    const strict = noisy(0);
    expect(Math.abs(strict.theta[0] - 1)).toBeGreaterThan(1e-6);
  });

  it("holds a coordinate on its bound while the gradient points out, as dyestuff2's θ = 0", () => {
    const objective = {
      dimension: 2,
      value: (x: Float64Array) => (x[0] + 1) ** 2 + (x[1] - 2) ** 2,
      gradient: (x: Float64Array, out: Float64Array) => {
        out[0] = 2 * (x[0] + 1);
        out[1] = 2 * (x[1] - 2);
      },
    };
    const result = quasiNewton().minimize(objective, Float64Array.of(3, 0), {
      bounds: { lower: Float64Array.of(0, 0), upper: Float64Array.of(10, 10) },
    });
    expect(result.theta[0]).toBe(0);
    expect(Math.abs(result.theta[1] - 2)).toBeLessThan(1e-9);
    expect(result.evaluations).toBeLessThan(12);
  });

  it("fails with a message when the objective has no gradient", () => {
    const result = quasiNewton().minimize(
      { dimension: 1, value: (x: Float64Array) => x[0] * x[0] },
      Float64Array.of(1),
    );
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/gradient/);
  });

  it("rejects invalid settings", () => {
    expect(() => quasiNewton({ stepRelative: 0 })).toThrow(/stepRelative/);
    expect(() => quasiNewton({ maxTrials: 0 })).toThrow(/maxTrials/);
    expect(() => quasiNewton({ noiseRelative: -1 })).toThrow(/noiseRelative/);
  });
});
