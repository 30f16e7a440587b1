import { log, pow } from "@mixedmodels/math";
import fc from "fast-check";
import { mulberry32 } from "../seeded-uniforms";

/** How the eigenvalues between 1/condition and 1 are spread. */
export type SpectrumShape = "geometric" | "one-small" | "one-large" | "random-log";

export interface ConditionedSpdMatrix {
  readonly n: number;
  /** Column-major n×n, both triangles, exactly symmetric. */
  readonly matrix: Float64Array;
  /** The eigenvalues the matrix was built from, ascending (largest = scale). */
  readonly eigenvalues: Float64Array;
  /** Column-major n×n orthogonal Q with matrix = Q·diag(eigenvalues)·Qᵀ (up to rounding). */
  readonly eigenvectors: Float64Array;
  /** eigenvalues[n − 1] / eigenvalues[0]. */
  readonly condition: number;
}

export interface ConditionedSpdOptions {
  /** Orders to draw from (default 1..12). */
  readonly minOrder?: number;
  readonly maxOrder?: number;
  /** Largest condition number to draw (default 1e12); log10 of it is drawn uniformly from [0, log10 max]. */
  readonly maxCondition?: number;
  /** Largest eigenvalue is 2^s with s drawn from [−scaleExponent, scaleExponent] (default 0: λmax = 1). */
  readonly scaleExponent?: number;
}

/**
 * Symmetric positive-definite matrices with a prescribed spectrum: A = Q·diag(λ)·Qᵀ, Q a
 * product of n random Householder reflectors (so A is dense and its eigenvectors are not axis
 * aligned), the eigenvalues between λmax/κ and λmax spread in one of four shapes. The condition
 * number κ is drawn log-uniformly up to `maxCondition` (default 1e12), so tests can scale their
 * tolerances with it. A is formed in floating point, so its eigenvalues are the prescribed ones
 * only up to about n·ε·λmax, which is small against λmin while κ ≪ 1/(n·ε).
 * Construction is O(n³); a seeded generator fills the matrix, so large orders stay cheap to draw.
 */
export function conditionedSpdMatrix(
  options: ConditionedSpdOptions = {},
): fc.Arbitrary<ConditionedSpdMatrix> {
  const minOrder = options.minOrder ?? 1;
  const maxOrder = options.maxOrder ?? 12;
  const maxCondition = options.maxCondition ?? 1e12;
  const scaleExponent = options.scaleExponent ?? 0;
  if (
    !Number.isInteger(minOrder) ||
    minOrder < 1 ||
    !Number.isInteger(maxOrder) ||
    maxOrder < minOrder
  )
    throw new RangeError(
      `conditionedSpdMatrix: orders must be integers 1 ≤ min ≤ max, got ${minOrder}..${maxOrder}`,
    );
  if (!(maxCondition >= 1) || !Number.isFinite(maxCondition))
    throw new RangeError(
      `conditionedSpdMatrix: maxCondition must be finite and ≥ 1, got ${maxCondition}`,
    );
  const conditionSteps = 1 << 20;
  return fc
    .record({
      n: fc.integer({ min: minOrder, max: maxOrder }),
      // fc.double leans to the ends of its range; a fine integer grid is uniform over the decades.
      conditionStep: fc.integer({ min: 0, max: conditionSteps }),
      shape: fc.constantFrom<SpectrumShape>("geometric", "one-small", "one-large", "random-log"),
      scale: fc.integer({ min: -scaleExponent, max: scaleExponent }),
      seed: fc.integer(),
    })
    .map(({ n, conditionStep, shape, scale, seed }) => {
      const digits = (conditionStep / conditionSteps) * log10(maxCondition);
      return buildConditionedSpd(n, pow(10, digits), shape, pow(2, scale), seed);
    });
}

/**
 * The matrix for one draw (exported for tests that need a fixed case): eigenvalues from
 * `largest`/`condition` to `largest`, spread by `shape`, rotated by a seeded orthogonal Q.
 */
export function buildConditionedSpd(
  n: number,
  condition: number,
  shape: SpectrumShape,
  largest: number,
  seed: number,
): ConditionedSpdMatrix {
  const random = mulberry32(seed);
  const eigenvalues = spectrum(n, condition, shape, largest, random);
  const q = randomOrthogonal(n, random);
  const matrix = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let i = j; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += q[i + k * n] * eigenvalues[k] * q[j + k * n];
      matrix[i + j * n] = sum;
      matrix[j + i * n] = sum;
    }
  }
  const actualCondition = n === 1 ? 1 : eigenvalues[n - 1] / eigenvalues[0];
  return { n, matrix, eigenvalues, eigenvectors: q, condition: actualCondition };
}

function spectrum(
  n: number,
  condition: number,
  shape: SpectrumShape,
  largest: number,
  random: () => number,
): Float64Array {
  const smallest = largest / condition;
  const values = new Float64Array(n);
  // Interpolate log λ between the two ends (which are then set exactly).
  const digits = log10(condition);
  const at = (fraction: number) => smallest * pow(10, fraction * digits);
  for (let i = 0; i < n; i++) {
    const fraction = n === 1 ? 1 : i / (n - 1);
    if (shape === "geometric") values[i] = at(fraction);
    else if (shape === "one-small") values[i] = i === 0 ? smallest : at(1 - 0.1 * random());
    else if (shape === "one-large") values[i] = i === n - 1 ? largest : at(0.1 * random());
    else values[i] = i === 0 ? smallest : i === n - 1 ? largest : at(random());
  }
  values[0] = n === 1 ? largest : smallest;
  values[n - 1] = largest;
  return values.sort();
}

/** Q = H_1·…·H_n with H_k = I − 2·v·vᵀ/(vᵀv) for random v: orthogonal to rounding, dense. */
function randomOrthogonal(n: number, random: () => number): Float64Array {
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i + i * n] = 1;
  const v = new Float64Array(n);
  for (let reflector = 0; reflector < n; reflector++) {
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      v[i] = 2 * random() - 1;
      norm2 += v[i] * v[i];
    }
    if (norm2 === 0) continue;
    // Q ← Q·H: each row r of Q loses 2·(r·v)/(vᵀv)·vᵀ.
    for (let r = 0; r < n; r++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += q[r + k * n] * v[k];
      const factor = (2 * dot) / norm2;
      for (let k = 0; k < n; k++) q[r + k * n] -= factor * v[k];
    }
  }
  return q;
}

/** Through @mixedmodels/math, so a draw is the same matrix on every engine. */
function log10(x: number): number {
  return log(x) / Math.LN10;
}
