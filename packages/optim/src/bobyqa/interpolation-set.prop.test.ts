import { propertySettings } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inverseError, kktMatrix } from "../../test/helpers/interpolation-kkt";
import { InterpolationSet } from "./interpolation-set";
import { QuadraticModel } from "./quadratic-model";

/** Random points in general position: the axis pattern of BOBYQA's start, then jittered. */
const pointSet = fc
  .record({
    n: fc.integer({ min: 1, max: 4 }),
    extraPoints: fc.integer({ min: 0, max: 3 }),
    jitter: fc.array(fc.double({ min: -0.3, max: 0.3, noNaN: true }), {
      minLength: 60,
      maxLength: 60,
    }),
    values: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
      minLength: 15,
      maxLength: 15,
    }),
    scale: fc.double({ min: 1e-4, max: 1e3, noNaN: true }),
  })
  .map(({ n, extraPoints, jitter, values, scale }) => {
    const most = ((n + 1) * (n + 2)) / 2;
    const npt = Math.min(2 * n + 1 + extraPoints, most);
    const set = new InterpolationSet(n, npt);
    const point = new Float64Array(n);
    for (let k = 0; k < npt; k++) {
      point.fill(0);
      if (k >= 1 && k <= n) point[k - 1] = 1;
      else if (k > n && k <= 2 * n) point[k - n - 1] = -1;
      else if (k > 2 * n) {
        const r = k - 2 * n - 1;
        point[r % n] = 1;
        point[((r % n) + 1 + Math.floor(r / n)) % n] = 1;
      }
      for (let i = 0; i < n; i++)
        point[i] = scale * (point[i] + (k === 0 ? 0 : jitter[(k * n + i) % 60]));
      set.points.set(point, k * n);
      set.values[k] = values[k];
    }
    set.best = 0;
    for (let k = 1; k < npt; k++) if (set.values[k] < set.values[set.best]) set.best = k;
    return { n, npt, m: set.m, set, scale };
  });

describe("InterpolationSet", () => {
  it("yields a model that interpolates every point (least-change update from Q = 0)", () => {
    fc.assert(
      fc.property(pointSet, ({ n, npt, set }) => {
        if (!set.factor()) return; // a jitter can make the set degenerate; factor reports it
        const model = new QuadraticModel(n);
        set.updateModel(model, new Float64Array(npt));
        for (let k = 0; k < npt; k++) {
          const spread = Math.max(1, Math.abs(set.values[k]));
          expect(Math.abs(model.value(set.points, k * n) - set.values[k])).toBeLessThan(
            1e-8 * spread,
          );
        }
        expect(Array.from(model.center)).toEqual(
          Array.from(set.points.subarray(set.best * n, set.best * n + n)),
        );
      }),
      propertySettings,
    );
  });

  it("has Lagrange functions with ℓ_k(y_j) = δ_kj", () => {
    fc.assert(
      fc.property(pointSet, ({ n, npt, set }) => {
        if (!set.factor()) return;
        const lagrange = new Float64Array(npt);
        for (let j = 0; j < npt; j++) {
          const beta = set.lagrangeAt(set.points.subarray(j * n, j * n + n), lagrange);
          for (let k = 0; k < npt; k++)
            expect(Math.abs(lagrange[k] - (k === j ? 1 : 0))).toBeLessThan(1e-8);
          // Replacing y_j by itself changes nothing: β = 0 and σ_j = 1.
          expect(Math.abs(beta)).toBeLessThan(1e-8);
          expect(set.denominator(j, lagrange, beta)).toBeCloseTo(1, 8);
        }
      }),
      propertySettings,
    );
  });

  it("reproduces a quadratic exactly with (n+1)(n+2)/2 points", () => {
    const n = 2;
    const set = new InterpolationSet(n, 6);
    const f = (x: number, y: number) => 3 + x - 2 * y + 0.5 * (4 * x * x + 2 * x * y + 2 * y * y);
    const points = [
      [0, 0],
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
      [1, 1],
    ];
    points.forEach(([x, y], k) => {
      set.points.set([x, y], k * n);
      set.values[k] = f(x, y);
    });
    expect(set.factor()).toBe(true);
    const model = new QuadraticModel(n);
    set.updateModel(model, new Float64Array(6));
    expect(model.constant).toBeCloseTo(3, 12);
    expect(Array.from(model.gradient).map((g) => Number(g.toFixed(10)))).toEqual([1, -2]);
    expect(Array.from(model.hessian).map((h) => Number(h.toFixed(10)))).toEqual([4, 1, 1, 2]);
  });

  it("gives a diagonal Hessian from 2n+1 axis points (least Frobenius norm)", () => {
    const n = 3;
    const set = new InterpolationSet(n, 7);
    const f = (x: Float64Array) => x[0] * x[0] + 3 * x[1] * x[2] + 2 * x[2] * x[2] - x[0];
    const x = new Float64Array(n);
    for (let k = 0; k < 7; k++) {
      x.fill(0);
      if (k >= 1 && k <= 3) x[k - 1] = 0.5;
      if (k >= 4) x[k - 4] = -0.5;
      set.points.set(x, k * n);
      set.values[k] = f(x);
    }
    set.best = 1;
    expect(set.factor()).toBe(true);
    const model = new QuadraticModel(n);
    set.updateModel(model, new Float64Array(7));
    // The cross term 3·x₁x₂ is invisible to axis points; the least-norm model leaves it out.
    const h = model.hessian;
    expect([h[1], h[2], h[5]].map((v) => Math.abs(v) < 1e-12)).toEqual([true, true, true]);
    expect(h[0]).toBeCloseTo(2, 10);
    expect(h[4]).toBeCloseTo(0, 10);
    expect(h[8]).toBeCloseTo(4, 10);
  });

  it("updates H by Powell's formula to the inverse of the exchanged set's KKT matrix", () => {
    fc.assert(
      fc.property(
        pointSet,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.nat(),
        ({ n, npt, set, scale }, offset, which) => {
          if (!set.factor()) return;
          const t = which % npt;
          const x = new Float64Array(n);
          for (let i = 0; i < n; i++) x[i] = set.points[set.best * n + i] + scale * offset[i];
          const lagrange = new Float64Array(npt);
          const sigma = set.denominator(t, lagrange, set.lagrangeAt(x, lagrange));
          if (!(Math.abs(sigma) > 1e-3)) return; // the algorithm never exchanges so close to singular
          const frame = { origin: Float64Array.from(set.origin), scale: set.scale };
          expect(set.exchange(t, x, 0)).toBe(true);
          // Independently: W of the new set in the same frame, times the updated H, is I.
          expect(inverseError(set, frame.origin, frame.scale)).toBeLessThan(1e-7);
        },
      ),
      { ...propertySettings, numRuns: 200 },
    );
  });

  it("predicts with σ_t = αβ + τ² the ratio of KKT determinants after an exchange", () => {
    fc.assert(
      fc.property(
        pointSet,
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        ({ n, npt, set, scale }, offset) => {
          if (!set.factor()) return;
          const determinantBefore = kktDeterminant(set);
          const x = new Float64Array(n);
          for (let i = 0; i < n; i++) x[i] = set.points[set.best * n + i] + scale * offset[i];
          const lagrange = new Float64Array(npt);
          const beta = set.lagrangeAt(x, lagrange);
          const t = set.best === 0 ? 1 : 0;
          const sigma = set.denominator(t, lagrange, beta);
          // Same scaled frame for the new set: keep the best point and the scale fixed.
          const savedScale = set.scale;
          set.points.set(x, t * n);
          const determinantAfter = kktDeterminant(set, savedScale);
          const ratio = determinantAfter / determinantBefore;
          expect(Math.abs(ratio - sigma)).toBeLessThan(1e-6 * Math.max(1, Math.abs(sigma)));
        },
      ),
      { ...propertySettings, numRuns: 100 },
    );
  });
});

/** det W of the set in the frame of its best point, with a given scale (default: the set's). */
function kktDeterminant(set: InterpolationSet, scale = set.scale): number {
  const { n, m } = set;
  const w = kktMatrix(set, set.points.subarray(set.best * n, set.best * n + n), scale);
  let determinant = 1;
  for (let k = 0; k < m; k++) {
    let pivot = k;
    for (let i = k + 1; i < m; i++)
      if (Math.abs(w[i + k * m]) > Math.abs(w[pivot + k * m])) pivot = i;
    if (pivot !== k) {
      determinant = -determinant;
      for (let j = 0; j < m; j++) {
        const tmp = w[k + j * m];
        w[k + j * m] = w[pivot + j * m];
        w[pivot + j * m] = tmp;
      }
    }
    const d = w[k + k * m];
    determinant *= d;
    if (d === 0) return 0;
    for (let i = k + 1; i < m; i++) {
      const factor = w[i + k * m] / d;
      for (let j = k; j < m; j++) w[i + j * m] -= factor * w[k + j * m];
    }
  }
  return determinant;
}
