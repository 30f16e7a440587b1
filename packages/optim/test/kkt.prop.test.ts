import { propertySettings, spdMatrix } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bobyqa, nelderMead } from "../src/index";

/** A random SPD quadratic ½θᵀHθ − bᵀθ on a random box, with a random start in the box. */
const boxedQuadratic = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    hessian: spdMatrix(n),
    linear: fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: n, maxLength: n }),
    lower: fc.array(
      fc.oneof(fc.constant(Number.NEGATIVE_INFINITY), fc.double({ min: -3, max: 0, noNaN: true })),
      {
        minLength: n,
        maxLength: n,
      },
    ),
    width: fc.array(
      fc.oneof(
        fc.constant(Number.POSITIVE_INFINITY),
        fc.double({ min: 0.01, max: 4, noNaN: true }),
      ),
      {
        minLength: n,
        maxLength: n,
      },
    ),
    position: fc.array(fc.constantFrom(0, 0.3, 1), { minLength: n, maxLength: n }),
  }),
);

describe.each([
  ["bobyqa", bobyqa],
  ["nelderMead", nelderMead],
])("%s on random bound-constrained convex quadratics", (_name, optimizer) => {
  it("stops at a point satisfying the first-order (KKT) conditions, never leaving the box", () => {
    fc.assert(
      fc.property(boxedQuadratic, ({ n, hessian, linear, lower: lowerList, width, position }) => {
        const lower = Float64Array.from(lowerList);
        const upper = lower.map((l, i) => (Number.isFinite(l) ? l + width[i] : width[i]));
        const start = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const lo = Number.isFinite(lower[i]) ? lower[i] : Math.min(-1, upper[i] - 1);
          const hi = Number.isFinite(upper[i]) ? upper[i] : lo + 2;
          start[i] = lo + position[i] * (hi - lo);
        }
        let outside = 0;
        const gradient = (theta: Float64Array, i: number) => {
          let g = -linear[i];
          for (let j = 0; j < n; j++) g += hessian[i + j * n] * theta[j];
          return g;
        };
        const result = optimizer().minimize(
          {
            dimension: n,
            value: (theta) => {
              let value = 0;
              for (let i = 0; i < n; i++) {
                if (theta[i] < lower[i] || theta[i] > upper[i]) outside++;
                value += theta[i] * (0.5 * (gradient(theta, i) + linear[i]) - linear[i]);
              }
              return value;
            },
          },
          start,
          { bounds: { lower, upper } },
        );
        expect(outside).toBe(0);
        expect(result.status).toBe("converged");
        // Projected gradient: zero in free coordinates, pointing into the box at active bounds.
        const tolerance = 1e-4 * (1 + n * n);
        for (let i = 0; i < n; i++) {
          const g = gradient(result.theta, i);
          // "On a bound" up to rounding: a start computed as lo + 1·(hi − lo) may sit an ulp inside.
          const near = (bound: number) =>
            Number.isFinite(bound) &&
            Math.abs(result.theta[i] - bound) <= 1e-12 * (1 + Math.abs(bound));
          if (near(lower[i])) expect(g).toBeGreaterThan(-tolerance);
          else if (near(upper[i])) expect(g).toBeLessThan(tolerance);
          else expect(Math.abs(g)).toBeLessThan(tolerance);
        }
      }),
      propertySettings,
    );
  });
});
