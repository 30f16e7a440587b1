import { describe, expect, it } from "vitest";
import numpy from "../test/fixtures/gauss-hermite-numpy.json" with { type: "json" };
import { gaussHermite } from "./index";

/** E[Z^j] for Z standard normal: (j − 1)!! for even j, 0 for odd j. */
function normalMoment(j: number): number {
  if (j % 2 === 1) return 0;
  let moment = 1;
  for (let i = j - 1; i > 1; i -= 2) moment *= i;
  return moment;
}

describe("gaussHermite(k), the rule for the standard normal density", () => {
  it("integrates every polynomial moment up to degree 2k − 1 exactly, k = 1..25", () => {
    for (let k = 1; k <= 25; k++) {
      const { nodes, weights } = gaussHermite(k);
      for (let j = 0; j <= 2 * k - 1; j++) {
        let sum = 0;
        let scale = 0;
        for (let i = 0; i < k; i++) {
          sum += weights[i] * nodes[i] ** j;
          scale += weights[i] * Math.abs(nodes[i]) ** j;
        }
        // Relative to Σ w|x|^j, the size of the terms being summed.
        const error = Math.abs(sum - normalMoment(j)) / Math.max(scale, 1e-300);
        expect(error, `k = ${k}, E[Z^${j}] = ${normalMoment(j)}, got ${sum}`).toBeLessThan(1e-13);
      }
      // Degree 2k is not integrated exactly: the rule falls short of E[Z^2k] by k!.
      let even = 0;
      for (let i = 0; i < k; i++) even += weights[i] * nodes[i] ** (2 * k);
      let factorial = 1;
      for (let i = 2; i <= k; i++) factorial *= i;
      expect(Math.abs(normalMoment(2 * k) - even - factorial) / normalMoment(2 * k)).toBeLessThan(
        1e-13,
      );
    }
  });

  it("agrees with NumPy's hermegauss (scaled by 1/√(2π)) for k = 1..25", () => {
    for (let k = 1; k <= 25; k++) {
      const expected = numpy.rules[String(k) as keyof typeof numpy.rules];
      const { nodes, weights } = gaussHermite(k);
      for (let i = 0; i < k; i++) {
        expect(Math.abs(nodes[i] - expected.nodes[i]), `k = ${k} node ${i}`).toBeLessThan(1e-13);
        const relative = Math.abs(weights[i] - expected.weights[i]) / expected.weights[i];
        expect(relative, `k = ${k} weight ${i}`).toBeLessThan(1e-11);
      }
    }
  });

  it("matches the published rules: k = 3 in closed form, k = 5 from Abramowitz & Stegun 25.10", () => {
    const three = gaussHermite(3);
    expect(Array.from(three.nodes)).toEqual(
      [-Math.sqrt(3), 0, Math.sqrt(3)].map((x) => expect.closeTo(x, 15)),
    );
    expect(three.weights[1]).toBeCloseTo(2 / 3, 15);
    expect(three.weights[0]).toBeCloseTo(1 / 6, 15);
    // A&S give nodes and weights for exp(−x²); the normal rule has nodes √2·x and weights w/√π.
    const five = gaussHermite(5);
    const published = [
      [0, 0.945308720482942],
      [0.958572464613819, 0.393619323152241],
      [2.020182870456086, 0.019953242059046],
    ];
    for (const [i, [x, w]] of published.entries()) {
      expect(five.nodes[2 + i]).toBeCloseTo(Math.SQRT2 * x, 14);
      expect(five.weights[2 + i]).toBeCloseTo(w / Math.sqrt(Math.PI), 14);
    }
  });

  it("is symmetric, ascending, sums to 1, and returns fresh arrays", () => {
    for (let k = 1; k <= 25; k++) {
      const { nodes, weights } = gaussHermite(k);
      let total = 0;
      for (let i = 0; i < k; i++) {
        expect(nodes[i] + nodes[k - 1 - i]).toBe(0);
        expect(weights[i]).toBe(weights[k - 1 - i]);
        if (i > 0) expect(nodes[i]).toBeGreaterThan(nodes[i - 1]);
        total += weights[i];
      }
      expect(Math.abs(total - 1)).toBeLessThan(4e-16);
    }
    gaussHermite(4).nodes[0] = 99;
    expect(gaussHermite(4).nodes[0]).toBeCloseTo(-2.3344142183389773, 15);
  });

  it("rejects k outside 1..25", () => {
    for (const k of [0, 26, 2.5, Number.NaN]) expect(() => gaussHermite(k)).toThrow(RangeError);
  });
});
