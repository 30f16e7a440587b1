import { describe, expect, it } from "vitest";
import { GeometryStep } from "../src/bobyqa/geometry-step";
import { InterpolationSet } from "../src/bobyqa/interpolation-set";

// GeometryStep.choose against an independent search over the candidates its method defines
// (issue 19, Stryker's survivors in src/bobyqa/geometry-step.ts): on every line through the best
// point and another interpolation point, the point of largest |ℓ_t| within the radius and the
// box, found by dense sampling; and the steps of length `radius` along ±∇ℓ_t (∇ℓ_t by central
// differences; ℓ_t is quadratic) over the coordinates a bound does not block, clipped to the box.
// ℓ_t and σ_t come from InterpolationSet.lagrangeAt/denominator, which have their own tests.

/** Points with values; the best is point 0 unless `best` says otherwise. */
function setOf(points: number[][], values: number[], best = 0): InterpolationSet {
  const n = points[0].length;
  const set = new InterpolationSet(n, points.length);
  points.forEach((p, k) => {
    set.points.set(p, k * n);
  });
  set.values.set(values);
  set.best = best;
  if (!set.factor()) throw new Error("degenerate set");
  return set;
}

function sigmaAt(
  set: InterpolationSet,
  t: number,
  x: Float64Array,
): { sigma: number; ell: number } {
  const lagrange = new Float64Array(set.npt);
  const beta = set.lagrangeAt(x, lagrange);
  return { sigma: Math.abs(set.denominator(t, lagrange, beta)), ell: lagrange[t] };
}

function referenceSigma(
  set: InterpolationSet,
  t: number,
  radius: number,
  lower: Float64Array,
  upper: Float64Array,
): number {
  const { n, npt } = set;
  const best = set.points.slice(set.best * n, set.best * n + n);
  const x = new Float64Array(n);
  let bestSigma = 0;
  const consider = () => {
    for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
    if (x.every((v, i) => v === best[i])) return;
    bestSigma = Math.max(bestSigma, sigmaAt(set, t, x).sigma);
  };
  for (let k = 0; k < npt; k++) {
    if (k === set.best) continue;
    const v = Array.from({ length: n }, (_, i) => set.points[k * n + i] - best[i]);
    const length = Math.hypot(...v);
    let high = radius / length;
    let low = -high;
    for (let i = 0; i < n; i++) {
      if (v[i] > 0) {
        high = Math.min(high, (upper[i] - best[i]) / v[i]);
        low = Math.max(low, (lower[i] - best[i]) / v[i]);
      } else if (v[i] < 0) {
        high = Math.min(high, (lower[i] - best[i]) / v[i]);
        low = Math.max(low, (upper[i] - best[i]) / v[i]);
      }
    }
    let bestAlpha = 0;
    let largest = -1;
    const samples = 5_000;
    for (let s = 0; s <= samples; s++) {
      const alpha = low + ((high - low) * s) / samples;
      for (let i = 0; i < n; i++) x[i] = best[i] + alpha * v[i];
      const ell = Math.abs(sigmaAt(set, t, x).ell);
      if (ell > largest) {
        largest = ell;
        bestAlpha = alpha;
      }
    }
    for (let i = 0; i < n; i++) x[i] = best[i] + bestAlpha * v[i];
    consider();
  }
  const gradient = new Float64Array(n);
  const h = 1e-4 * set.scale;
  for (let i = 0; i < n; i++) {
    x.set(best);
    x[i] += h;
    const up = sigmaAt(set, t, x).ell;
    x[i] -= 2 * h;
    const down = sigmaAt(set, t, x).ell;
    gradient[i] = (up - down) / (2 * h);
  }
  for (const sign of [1, -1]) {
    let norm = 0;
    const free = gradient.map((g, i) =>
      (sign * g > 0 && best[i] >= upper[i]) || (sign * g < 0 && best[i] <= lower[i]) ? 0 : 1,
    );
    for (let i = 0; i < n; i++) if (free[i]) norm += gradient[i] ** 2;
    if (!(norm > 0)) continue;
    for (let i = 0; i < n; i++) x[i] = best[i] + (sign * radius * gradient[i]) / Math.sqrt(norm);
    consider();
  }
  return bestSigma;
}

const infinity = Number.POSITIVE_INFINITY;

describe("GeometryStep.choose against an independent search of its candidates", () => {
  const cases = [
    {
      name: "2-D, no bounds, a far point",
      points: [
        [0, 0],
        [0.5, 0],
        [0, 0.5],
        [-0.4, -0.1],
        [0.3, -2],
      ],
      values: [0, 2, 3, 4, 5],
      t: 4,
      radius: 0.5,
      lower: [-infinity, -infinity],
      upper: [infinity, infinity],
    },
    {
      // Best in the corner of the box: the ±∇ℓ_t steps are clipped to the edges and a point on
      // the line towards (0.7, 0.4), at the radius, wins.
      name: "2-D, best in a corner, a line point at the radius wins",
      points: [
        [0, 0],
        [0.3, 0.4],
        [0.5, 0.2],
        [0.7, 0.4],
        [0.7, 0.5],
        [2.6, 1.5],
      ],
      values: [0, 1, 2, 3, 4, 5],
      t: 5,
      radius: 0.3,
      lower: [0, 0],
      upper: [1, 1],
    },
    {
      // Here |ℓ_t| along the line towards (0, 0.5) peaks inside the radius, at (0, 0.25).
      name: "2-D, best in a corner, a stationary point of ℓ_t on a line wins",
      points: [
        [0, 0],
        [0.6, 0.6],
        [0.5, 0.1],
        [0, 0.5],
        [0.2, 0.5],
        [2.3, 1.2],
      ],
      values: [0, 1, 2, 3, 4, 5],
      t: 5,
      radius: 0.3,
      lower: [0, 0],
      upper: [1, 1],
    },
    {
      name: "2-D, best on a lower bound, skewed points",
      points: [
        [0.2, 0],
        [0.9, 0.1],
        [0.3, 0.8],
        [-0.4, 0.3],
        [0.1, 0.4],
        [3, 2],
      ],
      values: [-1, 2, 3, 4, 5, 9],
      t: 5,
      radius: 0.4,
      lower: [-1, 0],
      upper: [1, 1],
    },
    {
      name: "3-D, a box that clips the lines, best not in slot 0",
      points: [
        [0.1, 0.1, 0.1],
        [0, 0, 0],
        [0.2, 0, 0],
        [0, 0.3, 0],
        [0, 0, 0.25],
        [-0.1, 0.2, 0],
        [0.1, 0.1, -0.2],
        [2, -1, 1],
      ],
      values: [1, 0, 2, 3, 4, 5, 6, 7],
      best: 1,
      t: 7,
      radius: 0.3,
      lower: [-0.05, -infinity, -0.1],
      upper: [0.15, 0.2, infinity],
    },
  ];
  it.each(cases)("$name", ({ points, values, best, t, radius, lower, upper }) => {
    const set = setOf(points, values, best);
    const lo = Float64Array.from(lower);
    const up = Float64Array.from(upper);
    const n = points[0].length;
    const out = new Float64Array(n);
    const sigma = new GeometryStep(n, points.length).choose(set, t, radius, lo, up, out);
    const expected = referenceSigma(set, t, radius, lo, up);
    expect(expected).toBeGreaterThan(0);
    expect(sigma).toBeGreaterThan(0);
    expect(Math.abs(sigma - expected)).toBeLessThanOrEqual(1e-3 * expected);
    // The point written is the one whose σ was returned, in the box and within the radius.
    expect(sigmaAt(set, t, out).sigma).toBeCloseTo(sigma, 12);
    let distance = 0;
    for (let i = 0; i < n; i++) {
      expect(out[i]).toBeGreaterThanOrEqual(lo[i]);
      expect(out[i]).toBeLessThanOrEqual(up[i]);
      distance += (out[i] - set.points[set.best * n + i]) ** 2;
    }
    expect(Math.sqrt(distance)).toBeLessThanOrEqual(radius * (1 + 1e-12));
  });
});
