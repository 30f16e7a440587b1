import { ModelError } from "@mixedmodels/core";
import { fillNormal, type RandomStream } from "@mixedmodels/random";
import type { SimulationDesign } from "./simulation-design";

/** Parameters of a linear mixed model to simulate from. */
export interface SimulationParameters {
  /** β for the kept columns of X. */
  readonly beta: ArrayLike<number>;
  /** Residual standard deviation. */
  readonly sigma: number;
  /** θ in the model's term order. */
  readonly theta: ArrayLike<number>;
}

/**
 * A reusable simulator of Gaussian responses y = Xβ + offset + σ(ZΛu + ε), u ~ N(0, I),
 * ε ~ N(0, I). Xβ + offset and each term's λ are computed once; a replicate costs q + n normal
 * draws and one pass over the terms. The draws of a replicate come from one stream in a fixed
 * order (all of u, term by term, level by level, column by column; then ε row by row), so
 * replicate i is a function of stream i only.
 */
export class GaussianSimulator {
  readonly design: SimulationDesign;
  private readonly mean: Float64Array;
  private readonly lambdas: Float64Array[];
  private readonly sigma: number;
  private readonly u: Float64Array;
  private readonly noise: Float64Array;
  private readonly b: Float64Array;

  constructor(design: SimulationDesign, parameters: SimulationParameters) {
    checkParameters(design, parameters);
    this.design = design;
    this.sigma = parameters.sigma;
    this.mean = linearPredictor(design, parameters.beta);
    this.lambdas = lambdaFactors(design, parameters.theta);
    this.u = new Float64Array(design.q);
    this.noise = new Float64Array(design.n);
    this.b = new Float64Array(design.q);
  }

  /** One replicate into `out` (length `design.outputLength`; rows without a design get NaN). */
  simulateInto(stream: RandomStream, out: Float64Array): Float64Array {
    const { design, u, noise, b, sigma } = this;
    fillNormal(stream, u);
    fillNormal(stream, noise);
    const y = design.rows === null ? out : new Float64Array(design.n);
    for (let t = 0; t < design.n; t++) y[t] = noise[t];
    addRandomEffects(design, this.lambdas, u, b, y);
    for (let t = 0; t < design.n; t++) y[t] = this.mean[t] + sigma * y[t];
    if (design.rows !== null) {
      out.fill(Number.NaN);
      for (let t = 0; t < design.n; t++) out[design.rows[t]] = y[t];
    }
    return out;
  }
}

/**
 * Adds ZΛu to `y` (length n): b = Λu per level of each term (λ lower triangular, column-major),
 * then each row's z·b, term by term. `b` (length q) is scratch. Shared by the Gaussian and the
 * generalized simulators, so both read u the same way.
 */
export function addRandomEffects(
  design: SimulationDesign,
  lambdas: readonly Float64Array[],
  u: Float64Array,
  b: Float64Array,
  y: Float64Array,
): void {
  let start = 0;
  design.terms.forEach((term, j) => {
    const { s, levelCount } = term;
    const lambda = lambdas[j];
    for (let level = 0; level < levelCount; level++) {
      const base = start + level * s;
      for (let r = 0; r < s; r++) {
        let sum = 0;
        for (let c = 0; c <= r; c++) sum += lambda[r + c * s] * u[base + c];
        b[base + r] = sum;
      }
    }
    start += levelCount * s;
  });
  start = 0;
  for (const term of design.terms) {
    const { s, refs, z } = term;
    for (let t = 0; t < design.n; t++) {
      const base = start + refs[t] * s;
      let sum = 0;
      for (let r = 0; r < s; r++) sum += z[t * s + r] * b[base + r];
      y[t] += sum;
    }
    start += term.levelCount * s;
  }
}

/** Xβ + offset. */
export function linearPredictor(design: SimulationDesign, beta: ArrayLike<number>): Float64Array {
  const { n, p, X } = design;
  const eta = design.offset === null ? new Float64Array(n) : Float64Array.from(design.offset);
  for (let c = 0; c < p; c++) {
    const bc = beta[c];
    for (let t = 0; t < n; t++) eta[t] += X[t + c * n] * bc;
  }
  return eta;
}

/** Each term's s×s lower-triangular λ (column-major) from θ, in the model's term order. */
export function lambdaFactors(design: SimulationDesign, theta: ArrayLike<number>): Float64Array[] {
  let k = 0;
  return design.terms.map((term) => {
    const lambda = new Float64Array(term.s * term.s);
    for (let i = 0; i < term.thetaRows.length; i++, k++) {
      lambda[term.thetaRows[i] + term.thetaCols[i] * term.s] = theta[k];
    }
    return lambda;
  });
}

export function checkParameters(design: SimulationDesign, parameters: SimulationParameters): void {
  const thetaLength = design.terms.reduce((total, term) => total + term.thetaRows.length, 0);
  if (parameters.beta.length !== design.p) {
    throw new ModelError(`beta has ${parameters.beta.length} elements; the model has ${design.p}`);
  }
  if (parameters.theta.length !== thetaLength) {
    throw new ModelError(
      `theta has ${parameters.theta.length} elements; the model has ${thetaLength}`,
    );
  }
  if (!(parameters.sigma >= 0) || !Number.isFinite(parameters.sigma)) {
    throw new ModelError(`sigma must be finite and non-negative, got ${parameters.sigma}`);
  }
  for (const values of [parameters.beta, parameters.theta]) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new ModelError(`simulation parameters must be finite, got ${values[i]}`);
      }
    }
  }
}
