import { equalRows, type ModelParts } from "@mixedmodels/modelmatrix";
import { mulberry32 } from "@mixedmodels/testkit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CENTRING_RATIO,
  columnMoments,
  conditionParts,
  FIXED_SCALE_EXPONENT_BAND,
  RANDOM_SCALE_EXPONENT_BAND,
  scaleExponent,
} from "../src/column-conditioning";

// conditionParts screens each column with one pass of approximate sums (or X's classes of equal
// rows) and runs the exact two-pass moments only when the screen cannot vouch for "no shift, no
// scale". These columns sit on and around every boundary of the rule (centring at 32 spreads,
// the scale bands at 2^±16 and 2^±2): the result must be the rule on the exact moments, always.

const columnArb = fc.record({
  kind: fc.constantFrom("indicator", "shifted", "scaled", "zero"),
  // Indicator columns centre above a fraction of 1024/1025 of ones.
  ones: fc.constantFrom(0.5, 0.99, 0.999, 0.9990243902439024, 0.99903, 0.9995, 1),
  // Shifted columns: mean/spread near the centring ratio.
  // (fast-check's doubles crowd the ends of a range: hundredths spread evenly instead.)
  ratio: fc.integer({ min: 1600, max: 6400 }).map((v) => v / 100),
  // Scaled columns: 2^exponent near the bands.
  exponent: fc.integer({ min: -1900, max: 1900 }).map((v) => v / 100),
});

const caseArb = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  n: fc.integer({ min: 20, max: 300 }),
  intercept: fc.boolean(),
  weighted: fc.boolean(),
  columns: fc.array(columnArb, { minLength: 1, maxLength: 5 }),
  zExponent: fc.integer({ min: -400, max: 400 }).map((v) => v / 100),
  yRatio: fc.integer({ min: 800, max: 6400 }).map((v) => v / 100),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case): ModelParts {
  const random = mulberry32(c.seed);
  const { n } = c;
  const columns: Float64Array[] = [];
  if (c.intercept) columns.push(new Float64Array(n).fill(1));
  for (const spec of c.columns) {
    const column = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      if (spec.kind === "indicator") column[t] = random() < spec.ones ? 1 : 0;
      else if (spec.kind === "shifted") column[t] = spec.ratio + (random() < 0.5 ? -1 : 1);
      else if (spec.kind === "scaled") column[t] = 2 ** spec.exponent * (random() - 0.25);
    }
    columns.push(column);
  }
  const p = columns.length;
  const data = new Float64Array(n * p);
  for (let c = 0; c < p; c++) data.set(columns[c], c * n);
  const weights = c.weighted ? Float64Array.from({ length: n }, () => 0.5 + random()) : null;
  const classes = equalRows(data, n, p, n);
  const z = Float64Array.from({ length: n }, () => 2 ** c.zExponent * (0.5 + random()));
  const y = Float64Array.from({ length: n }, () => c.yRatio + (random() < 0.5 ? -1 : 1));
  const X = {
    n,
    p,
    data,
    ...(classes === null ? {} : { rowClasses: { ...classes, data } }),
  };
  const reterms = [{ s: 1, z, refs: Int32Array.from({ length: n }, (_, t) => t % 3) }];
  return { n, y, X, weights, reterms } as unknown as ModelParts;
}

/** The rule on the exact moments (what conditionParts did for every column before the screen). */
function expected(parts: ModelParts, response: Float64Array) {
  const { n, p, data } = parts.X;
  const weights = parts.weights;
  let constant = -1;
  for (let c = 0; c < p && constant < 0; c++) {
    if (data[c * n] !== 0 && data.subarray(c * n, c * n + n).every((v) => v === data[c * n])) {
      constant = c;
    }
  }
  const rule = (mean: number, spread: number, rms: number, band: number, centrable: boolean) => {
    const centred = centrable && Math.abs(mean) > CENTRING_RATIO * spread;
    return { shift: centred ? mean : 0, exponent: scaleExponent(centred ? spread : rms, band) };
  };
  const xShift: number[] = [];
  const xScaleExponent: number[] = [];
  for (let c = 0; c < p; c++) {
    if (c === constant) {
      xShift.push(0);
      xScaleExponent.push(0);
      continue;
    }
    const m = columnMoments(data, c * n, 1, n, weights);
    const r = rule(m.mean, m.spread, m.rms, FIXED_SCALE_EXPONENT_BAND, constant >= 0);
    xShift.push(r.shift);
    xScaleExponent.push(r.exponent);
  }
  const ym = columnMoments(response, 0, 1, n, weights);
  const yr = rule(ym.mean, ym.spread, ym.rms, FIXED_SCALE_EXPONENT_BAND, constant >= 0);
  const term = parts.reterms[0];
  const zm = columnMoments(term.z, 0, 1, n, weights);
  return {
    xShift,
    xScaleExponent,
    yShift: yr.shift,
    yScaleExponent: yr.exponent,
    zScaleExponent: [scaleExponent(zm.rms, RANDOM_SCALE_EXPONENT_BAND)],
  };
}

describe("conditionParts' one-pass screen", () => {
  it("gives the exact moments' conditioning on columns at every boundary of the rule", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const parts = build(c);
        const { conditioning } = conditionParts(parts, parts.y);
        const want = expected(parts, parts.y);
        expect([...conditioning.xShift]).toEqual(want.xShift);
        expect([...conditioning.xScaleExponent]).toEqual(want.xScaleExponent);
        expect(conditioning.yShift).toBe(want.yShift);
        expect(conditioning.yScaleExponent).toBe(want.yScaleExponent);
        expect([...conditioning.zScaleExponent[0]]).toEqual(want.zScaleExponent);
      }),
      { seed: 917, numRuns: 400 },
    );
  });
});
