import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { binaryExponent, nearestBinaryExponent, powerOfTwo } from "./binary-scale";

/**
 * Columns whose mean is larger than this many spreads are centred before A is formed: below it
 * the cancellation in the cross-products costs at most about 2¹⁰ ulps, and leaving them alone
 * keeps fits of well-scaled data (every lme4 reference case) bit-identical.
 */
export const CENTRING_RATIO = 2 ** 5;
/**
 * Random-effects columns whose root mean square is outside [2^−2.5, 2^2.5] are scaled by a power
 * of two to within [2^−0.5, 2^0.5]: θ then lives on the scale the optimizer's start (λ = I) and
 * initial step assume, whatever the column's units.
 */
export const RANDOM_SCALE_EXPONENT_BAND = 2;
/**
 * Fixed-effects columns and the response are scaled only far outside unit scale (2^±16): for them
 * scaling by a power of two changes no rounding in the Cholesky factor, it only keeps squares and
 * their sums clear of overflow and underflow.
 */
export const FIXED_SCALE_EXPONENT_BAND = 16;

/**
 * The exact affine map between the user's columns and the well-conditioned ones the model is
 * fitted on (MixedModels.jl and lme4 fit the user's columns as they are):
 *   x̃_j = (x_j − xShift_j·x_c/c) / xScale_j for a fixed-effects column j ≠ the constant column,
 *   ỹ = (y − offset − yShift·x_c/c) / yScale,
 *   z̃_r = z_r / zScale_r for column r of a random-effects term (so Λ̃ = SΛ stays triangular),
 * where x_c is the constant column (value c) when X has one. Every scale is a power of two, so
 * scaling is exact; shifts only move a column within the span of the constant column.
 */
export interface ColumnConditioning {
  /** Index (among the kept columns) of a constant column of X, or −1. */
  readonly constantColumn: number;
  /** The value of that constant column (1 for the intercept). */
  readonly constantValue: number;
  readonly xShift: Float64Array;
  /** log₂ of each fixed-effects column's scale (integers). */
  readonly xScaleExponent: Int32Array;
  readonly yShift: number;
  readonly yScaleExponent: number;
  /** Per random-effects term, log₂ of each column's scale. */
  readonly zScaleExponent: readonly Int32Array[];
  /** True when every shift is 0 and every exponent 0: the model is fitted on the user's columns. */
  readonly identity: boolean;
}

/** What the model is fitted on: the conditioned parts (offset folded into y) and the map back. */
export interface ConditionedParts {
  readonly parts: ModelParts;
  readonly conditioning: ColumnConditioning;
}

/** A column's weighted mean, spread (root mean square about the mean) and root mean square. */
interface ColumnMoments {
  readonly mean: number;
  readonly spread: number;
  readonly rms: number;
}

/**
 * Sums of a column that need not be the data-order ones (see `surelyUnconditioned`): the sum of
 * the weights, Σ w·v, Σ w·v² and max |v|.
 */
interface ScreeningSums {
  readonly weightSum: number;
  readonly sum: number;
  readonly squares: number;
  readonly largest: number;
}

/** `ScreeningSums` of `values[offset + t·stride]`, t < n, in one pass. */
function screeningSums(
  values: Float64Array,
  offset: number,
  stride: number,
  n: number,
  weights: Float64Array | null,
): ScreeningSums {
  let weightSum = 0;
  let sum = 0;
  let squares = 0;
  let largest = 0;
  for (let t = 0; t < n; t++) {
    const w = weights === null ? 1 : weights[t];
    const v = values[offset + t * stride];
    weightSum += w;
    sum += w * v;
    squares += w * v * v;
    largest = Math.max(largest, Math.abs(v));
  }
  return { weightSum, sum, squares, largest };
}

/** `ScreeningSums` of column c of X (no weights) from X's classes of equal rows. */
function classSums(
  data: Float64Array,
  column: number,
  classes: { readonly representatives: Int32Array; readonly counts: Float64Array },
): ScreeningSums {
  const { representatives, counts } = classes;
  let weightSum = 0;
  let sum = 0;
  let squares = 0;
  let largest = 0;
  for (let k = 0; k < representatives.length; k++) {
    const v = data[column + representatives[k]];
    weightSum += counts[k];
    sum += counts[k] * v;
    squares += counts[k] * v * v;
    largest = Math.max(largest, Math.abs(v));
  }
  return { weightSum, sum, squares, largest };
}

const SCREEN_LIMIT = 2 ** 200;

/**
 * True only when the column's conditioning from `columnMoments` is surely no shift and scale
 * exponent 0, judged from approximate sums with margins far wider than any rounding in either
 * computation: root mean square within 2^±(band−1) (the exponent's band is ±band), and, when the
 * column could be centred, a spread well clear of cancellation with |mean| < 16·spread (the rule
 * centres above 32·spread). False (undecided) otherwise, and the caller runs `columnMoments`.
 */
function surelyUnconditioned(sums: ScreeningSums, centrable: boolean, band: number): boolean {
  const { weightSum, sum, squares, largest } = sums;
  if (largest === 0) return true;
  if (!(weightSum > 0) || !(largest < SCREEN_LIMIT) || !(largest > 1 / SCREEN_LIMIT)) {
    return false;
  }
  const meanSquare = squares / weightSum;
  const limit = powerOfTwo(2 * (band - 1));
  if (!(meanSquare <= limit && meanSquare >= 1 / limit)) return false;
  if (!centrable) return true;
  const mean = sum / weightSum;
  const variance = meanSquare - mean * mean;
  return variance > meanSquare * 2 ** -20 && mean * mean < 256 * variance;
}

/**
 * Moments of `values[offset + t·stride]`, t < n. The sums run in units of a power of two near the
 * largest value (so neither 1e200 nor 1e-200 over- or underflows) and the mean takes a second,
 * correcting pass (so a large mean costs no digits of the spread).
 */
export function columnMoments(
  values: Float64Array,
  offset: number,
  stride: number,
  n: number,
  weights: Float64Array | null,
): ColumnMoments {
  let largest = 0;
  for (let t = 0; t < n; t++) largest = Math.max(largest, Math.abs(values[offset + t * stride]));
  if (largest === 0 || !Number.isFinite(largest)) return { mean: 0, spread: 0, rms: 0 };
  const unitExponent = clampExponent(binaryExponent(largest));
  const toUnits = powerOfTwo(-unitExponent);
  const fromUnits = powerOfTwo(unitExponent);
  let weightSum = 0;
  let sum = 0;
  let squares = 0;
  for (let t = 0; t < n; t++) {
    const w = weights === null ? 1 : weights[t];
    const v = values[offset + t * stride] * toUnits;
    weightSum += w;
    sum += w * v;
    squares += w * v * v;
  }
  if (!(weightSum > 0)) return { mean: 0, spread: 0, rms: 0 };
  const first = sum / weightSum;
  let correction = 0;
  for (let t = 0; t < n; t++) {
    const w = weights === null ? 1 : weights[t];
    correction += w * (values[offset + t * stride] * toUnits - first);
  }
  const mean = first + correction / weightSum;
  let deviations = 0;
  for (let t = 0; t < n; t++) {
    const w = weights === null ? 1 : weights[t];
    const d = values[offset + t * stride] * toUnits - mean;
    deviations += w * d * d;
  }
  return {
    mean: mean * fromUnits,
    spread: Math.sqrt(deviations / weightSum) * fromUnits,
    rms: Math.sqrt(squares / weightSum) * fromUnits,
  };
}

/** The power-of-two exponent that brings `size` near 1, or 0 when it is inside the band. */
export function scaleExponent(size: number, band: number): number {
  if (!(size > 0) || !Number.isFinite(size)) return 0;
  const exponent = nearestBinaryExponent(size);
  return Math.abs(exponent) <= band ? 0 : clampExponent(exponent);
}

/** Keep 2^±k normal (subnormal columns are scaled as far as that allows). */
function clampExponent(exponent: number): number {
  return Math.max(-1000, Math.min(1000, exponent));
}

/** The first kept column of X whose values are all equal and nonzero, or −1. */
function findConstantColumn(parts: ModelParts): number {
  const { n, p, data } = parts.X;
  for (let c = 0; c < p; c++) {
    const first = data[c * n];
    if (first === 0) continue;
    let constant = true;
    for (let t = 1; t < n && constant; t++) constant = data[c * n + t] === first;
    if (constant) return c;
  }
  return -1;
}

/** The response's shift and scale exponent: its spread sets the scale, its mean the shift. */
export function responseConditioning(
  response: Float64Array,
  weights: Float64Array | null,
  hasConstantColumn: boolean,
): { shift: number; scaleExponent: number } {
  const sums = screeningSums(response, 0, 1, response.length, weights);
  if (surelyUnconditioned(sums, hasConstantColumn, FIXED_SCALE_EXPONENT_BAND)) {
    return { shift: 0, scaleExponent: 0 };
  }
  const { mean, spread, rms } = columnMoments(response, 0, 1, response.length, weights);
  const centred = hasConstantColumn && Math.abs(mean) > CENTRING_RATIO * spread;
  return {
    shift: centred ? mean : 0,
    scaleExponent: scaleExponent(centred ? spread : rms, FIXED_SCALE_EXPONENT_BAND),
  };
}

/** (y − offset − shift·x_c/c)·2^−exponent, in a new array. */
export function conditionResponse(
  response: Float64Array,
  conditioning: Pick<ColumnConditioning, "constantColumn" | "constantValue">,
  constantColumnValues: Float64Array | null,
  shift: number,
  exponent: number,
): Float64Array {
  const out = new Float64Array(response.length);
  const factor = powerOfTwo(-exponent);
  for (let t = 0; t < out.length; t++) {
    const base =
      shift === 0 || constantColumnValues === null
        ? 0
        : (shift * constantColumnValues[t]) / conditioning.constantValue;
    out[t] = (response[t] - base) * factor;
  }
  return out;
}

function scaledTerm(
  term: RandomEffectsMatrix,
  weights: Float64Array | null,
): { term: RandomEffectsMatrix; exponents: Int32Array } {
  const { s, z } = term;
  const n = term.refs.length;
  const exponents = new Int32Array(s);
  for (let r = 0; r < s; r++) {
    const sums = screeningSums(z, r, s, n, weights);
    if (surelyUnconditioned(sums, false, RANDOM_SCALE_EXPONENT_BAND)) continue;
    exponents[r] = scaleExponent(
      columnMoments(z, r, s, n, weights).rms,
      RANDOM_SCALE_EXPONENT_BAND,
    );
  }
  if (exponents.every((e) => e === 0)) return { term, exponents };
  const scaled = new Float64Array(z.length);
  for (let t = 0; t < n; t++) {
    for (let r = 0; r < s; r++) scaled[t * s + r] = z[t * s + r] * powerOfTwo(-exponents[r]);
  }
  return { term: { ...term, z: scaled }, exponents };
}

/**
 * The parts to fit on and the map back to the user's parametrization. The response of the
 * returned parts is y − offset, conditioned, and their offset is null. O(n·(p + Σs)) once.
 * @param response y − offset (the offset, if any, already subtracted)
 */
export function conditionParts(parts: ModelParts, response: Float64Array): ConditionedParts {
  const { n, p, data } = parts.X;
  const weights = parts.weights;
  const constantColumn = findConstantColumn(parts);
  const constantValue = constantColumn < 0 ? 1 : data[constantColumn * n];
  const xShift = new Float64Array(p);
  const xScaleExponent = new Int32Array(p);
  const classes =
    weights === null && parts.X.rowClasses !== undefined && parts.X.rowClasses.data === data
      ? parts.X.rowClasses
      : null;
  for (let c = 0; c < p; c++) {
    if (c === constantColumn) continue;
    const sums =
      classes === null
        ? screeningSums(data, c * n, 1, n, weights)
        : classSums(data, c * n, classes);
    if (surelyUnconditioned(sums, constantColumn >= 0, FIXED_SCALE_EXPONENT_BAND)) continue;
    const { mean, spread, rms } = columnMoments(data, c * n, 1, n, weights);
    const centred = constantColumn >= 0 && Math.abs(mean) > CENTRING_RATIO * spread;
    if (centred) xShift[c] = mean;
    xScaleExponent[c] = scaleExponent(centred ? spread : rms, FIXED_SCALE_EXPONENT_BAND);
  }
  const fixedIdentity = xShift.every((v) => v === 0) && xScaleExponent.every((e) => e === 0);
  let xData = data;
  if (!fixedIdentity) {
    xData = Float64Array.from(data);
    for (let c = 0; c < p; c++) {
      if (xShift[c] === 0 && xScaleExponent[c] === 0) continue;
      const factor = powerOfTwo(-xScaleExponent[c]);
      for (let t = 0; t < n; t++) {
        const base =
          xShift[c] === 0 ? 0 : (xShift[c] * data[constantColumn * n + t]) / constantValue;
        xData[c * n + t] = (data[c * n + t] - base) * factor;
      }
    }
  }
  const constantValues =
    constantColumn < 0 ? null : data.subarray(constantColumn * n, constantColumn * n + n);
  const y = responseConditioning(response, weights, constantColumn >= 0);
  const yValues = conditionResponse(
    response,
    { constantColumn, constantValue },
    constantValues,
    y.shift,
    y.scaleExponent,
  );
  const terms = parts.reterms.map((term) => scaledTerm(term, weights));
  const zScaleExponent = terms.map((entry) => entry.exponents);
  const identity =
    fixedIdentity &&
    y.shift === 0 &&
    y.scaleExponent === 0 &&
    zScaleExponent.every((exponents) => exponents.every((e) => e === 0));
  return {
    parts: {
      ...parts,
      y: yValues,
      offset: null,
      X: xData === data ? parts.X : { ...parts.X, data: xData },
      reterms: terms.map((entry) => entry.term),
    },
    conditioning: {
      constantColumn,
      constantValue,
      xShift,
      xScaleExponent,
      yShift: y.shift,
      yScaleExponent: y.scaleExponent,
      zScaleExponent,
      identity,
    },
  };
}
