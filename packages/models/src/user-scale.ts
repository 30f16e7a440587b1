import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { powerOfTwo } from "./binary-scale";
import {
  type ColumnConditioning,
  type ConditionedParts,
  conditionParts,
  conditionResponse,
  responseConditioning,
} from "./column-conditioning";
import type { EvaluationRecorder } from "./optimizer-run";
import type { PenalizedSolution } from "./penalized-solution";
import type { ThetaLayout } from "./theta-layout";

/** A linear model's solution as reported, with the conditioned β̃ and b̃ that `fitted` needs. */
export interface ReportedSolution extends PenalizedSolution {
  readonly fitBeta: Float64Array;
  readonly fitB: Float64Array;
}

/**
 * How a model's accessors map the blocked system's coordinates to the user's: what
 * `MixedModelBase` needs (θ, λ, the fixed-effects factor, conditional variances). A model fitted
 * on the user's own columns uses `identityCoordinates`.
 */
export interface ReportedCoordinates {
  /** θ̃ → θ. */
  thetaOut(layout: ThetaLayout, internal: ArrayLike<number>): Float64Array;
  /** λ's of the user's Z (copies, or the system's own arrays for the identity). */
  lambdasOut(
    reterms: readonly RandomEffectsMatrix[],
    lambdas: readonly Float64Array[],
  ): readonly Float64Array[];
  /** L̃_XX⁻¹ → a factor F with FᵀF = the user's (L_XX L_XXᵀ)⁻¹. */
  fixedInverseOut(inverse: Float64Array, p: number): Float64Array;
  /** One term's conditional variances, computed with the user's σ, into the user's units. */
  conditionalVarianceOut(values: Float64Array, term: number, s: number): Float64Array;
}

/** The coordinates of a model fitted on the user's columns as they are. */
export const identityCoordinates: ReportedCoordinates = {
  thetaOut: (_layout, internal) => Float64Array.from(internal),
  lambdasOut: (_reterms, lambdas) => lambdas,
  fixedInverseOut: (inverse) => inverse,
  conditionalVarianceOut: (values) => values,
};

/**
 * The user's parametrization of a model fitted on conditioned columns (see `ColumnConditioning`):
 * every quantity the model reports passes through here. With X̃ = XT, ỹ = (y − offset − shift)/s_y
 * and Z̃ = ZS⁻¹ (Λ̃ = SΛ):
 *   θ = S⁻¹θ̃ (row-wise), β = s_y·Tβ̃ + shift·e_c/c, b = s_y·S⁻¹b̃, u = s_y·ũ, σ = s_y·σ̃,
 *   vcov(β) = s_y²·T·vcoṽ·Tᵀ, condVar = s_y²·S⁻¹·condVar̃·S⁻¹,
 *   objective = objectivẽ + ν·log s_y² (+ 2·log|det T⁻¹| = 2·Σ log s_j for REML).
 * With the identity conditioning every map returns its input unchanged (bit for bit).
 */
export class UserScale implements ReportedCoordinates {
  /** The parts the model is fitted on: conditioned, offset folded into y. */
  readonly fitParts: ModelParts;
  private conditioning: ColumnConditioning;
  private readonly constantValues: Float64Array | null;

  /** `conditioned`: given by a model built from cross-products (its parts have no rows). */
  constructor(
    readonly parts: ModelParts,
    response: Float64Array,
    conditioned: ConditionedParts = conditionParts(parts, response),
  ) {
    this.fitParts = conditioned.parts;
    this.conditioning = conditioned.conditioning;
    const { constantColumn } = this.conditioning;
    const n = parts.n;
    this.constantValues =
      constantColumn < 0 ? null : parts.X.data.subarray(constantColumn * n, constantColumn * n + n);
  }

  /** Whether the model is fitted on the user's own columns. */
  get identity(): boolean {
    return this.conditioning.identity;
  }

  /** The response scale s_y (a power of two). */
  get responseScale(): number {
    return powerOfTwo(this.conditioning.yScaleExponent);
  }

  /**
   * Condition a new response (y − offset) for `refit`: the shift and scale follow the new values;
   * the fixed and random-effects columns keep theirs.
   */
  conditionNewResponse(response: Float64Array): Float64Array {
    const hasConstant = this.conditioning.constantColumn >= 0;
    const { shift, scaleExponent } = responseConditioning(
      response,
      this.parts.weights,
      hasConstant,
    );
    this.conditioning = { ...this.conditioning, yShift: shift, yScaleExponent: scaleExponent };
    this.conditioning = { ...this.conditioning, identity: this.isIdentity() };
    return conditionResponse(
      response,
      this.conditioning,
      this.constantValues,
      shift,
      scaleExponent,
    );
  }

  private isIdentity(): boolean {
    const c = this.conditioning;
    return (
      c.yShift === 0 &&
      c.yScaleExponent === 0 &&
      c.xShift.every((v) => v === 0) &&
      c.xScaleExponent.every((e) => e === 0) &&
      c.zScaleExponent.every((exponents) => exponents.every((e) => e === 0))
    );
  }

  /** θ̃ → θ: entry (r, c) of λ is λ̃'s divided by S_r. */
  thetaOut(layout: ThetaLayout, internal: ArrayLike<number>): Float64Array {
    const out = Float64Array.from(internal);
    if (this.identity) return out;
    for (let i = 0; i < out.length; i++) {
      out[i] *= powerOfTwo(-this.conditioning.zScaleExponent[layout.terms[i]][layout.rows[i]]);
    }
    return out;
  }

  /** θ → θ̃. */
  thetaIn(layout: ThetaLayout, user: ArrayLike<number>): Float64Array {
    const out = Float64Array.from(user);
    if (this.identity) return out;
    for (let i = 0; i < out.length; i++) {
      out[i] *= powerOfTwo(this.conditioning.zScaleExponent[layout.terms[i]][layout.rows[i]]);
    }
    return out;
  }

  /** λ = S⁻¹λ̃ per term (copies). */
  lambdasOut(
    reterms: readonly RandomEffectsMatrix[],
    lambdas: readonly Float64Array[],
  ): readonly Float64Array[] {
    if (this.identity) return lambdas;
    return lambdas.map((lambda, j) => {
      const out = Float64Array.from(lambda);
      const s = reterms[j].s;
      const exponents = this.conditioning.zScaleExponent[j];
      for (let c = 0; c < s; c++) {
        for (let r = 0; r < s; r++) out[r + c * s] *= powerOfTwo(-exponents[r]);
      }
      return out;
    });
  }

  /** The objective (ML deviance or REML criterion) of the user's parametrization. */
  objectiveOut(internal: number, reml: boolean, n: number, p: number): number {
    if (this.identity) return internal;
    const { yScaleExponent, xScaleExponent } = this.conditioning;
    // log 2^k = k·ln 2: no engine logarithm involved.
    let exponents = (reml ? n - p : n) * 2 * yScaleExponent;
    if (reml) for (const k of xScaleExponent) exponents += 2 * k;
    return exponents === 0 ? internal : internal + exponents * Math.LN2;
  }

  /** β = s_y·Tβ̃ + shift·e_c/c. */
  betaOut(internal: Float64Array): Float64Array {
    if (this.identity) return Float64Array.from(internal);
    const { xShift, xScaleExponent, constantColumn, constantValue, yShift } = this.conditioning;
    const sy = this.responseScale;
    const out = new Float64Array(internal.length);
    let interceptCorrection = 0;
    for (let j = 0; j < internal.length; j++) {
      if (j === constantColumn) continue;
      out[j] = sy * internal[j] * powerOfTwo(-xScaleExponent[j]);
      interceptCorrection += out[j] * xShift[j];
    }
    if (constantColumn >= 0) {
      out[constantColumn] =
        sy * internal[constantColumn] + (yShift - interceptCorrection) / constantValue;
    }
    return out;
  }

  /**
   * M·Tᵀ for M = L̃_XX⁻¹ (p×p column-major): then (MTᵀ)ᵀ(MTᵀ) = T(L̃L̃ᵀ)⁻¹Tᵀ, so vcov and the
   * standard errors of the user's β follow with σ = s_y·σ̃.
   */
  fixedInverseOut(inverse: Float64Array, p: number): Float64Array {
    if (this.identity) return inverse;
    const { xShift, xScaleExponent, constantColumn, constantValue } = this.conditioning;
    const out = new Float64Array(p * p);
    for (let r = 0; r < p; r++) {
      let interceptColumn = 0;
      for (let a = 0; a < p; a++) {
        if (a === constantColumn) continue;
        const scaled = inverse[r + a * p] * powerOfTwo(-xScaleExponent[a]);
        out[r + a * p] = scaled;
        interceptColumn -= (scaled * xShift[a]) / constantValue;
      }
      if (constantColumn >= 0)
        out[r + constantColumn * p] = inverse[r + constantColumn * p] + interceptColumn;
    }
    return out;
  }

  /** b = s_y·S⁻¹b̃ (or u = s_y·ũ with `spherical`), stacked as the model stacks them. */
  randomEffectsOut(
    internal: Float64Array,
    reterms: readonly RandomEffectsMatrix[],
    offsets: Int32Array,
    spherical: boolean,
  ): Float64Array {
    if (this.identity) return Float64Array.from(internal);
    const sy = this.responseScale;
    const out = new Float64Array(internal.length);
    reterms.forEach((term, j) => {
      const s = term.s;
      const exponents = this.conditioning.zScaleExponent[j];
      for (let i = offsets[j]; i < offsets[j + 1]; i++) {
        const r = (i - offsets[j]) % s;
        out[i] = spherical ? sy * internal[i] : sy * internal[i] * powerOfTwo(-exponents[r]);
      }
    });
    return out;
  }

  /**
   * condVar = S⁻¹·condVar̃·S⁻¹ for one term's s×s×ℓ values computed with the user's σ = s_y·σ̃
   * (which carries the s_y²), in place.
   */
  conditionalVarianceOut(values: Float64Array, term: number, s: number): Float64Array {
    if (this.identity) return values;
    const exponents = this.conditioning.zScaleExponent[term];
    for (let base = 0; base < values.length; base += s * s) {
      for (let c = 0; c < s; c++) {
        for (let r = 0; r < s; r++) {
          values[base + r + c * s] *= powerOfTwo(-exponents[r] - exponents[c]);
        }
      }
    }
    return values;
  }

  /**
   * The solution in the user's parametrization, keeping β̃ and b̃ for `fitted`: the one place the
   * estimates of a linear model leave the conditioned system.
   */
  solutionOut(
    internal: PenalizedSolution,
    reml: boolean,
    offsets: Int32Array,
    n: number,
    p: number,
  ): ReportedSolution {
    const reterms = this.parts.reterms;
    return {
      fitBeta: internal.beta,
      fitB: internal.b,
      beta: this.betaOut(internal.beta),
      u: this.randomEffectsOut(internal.u, reterms, offsets, true),
      b: this.randomEffectsOut(internal.b, reterms, offsets, false),
      sigma: internal.sigma * this.responseScale,
      objective: this.objectiveOut(internal.objective, reml, n, p),
    };
  }

  /** A recorder that logs θ and the objective in the user's parametrization. */
  recorderOut(
    inner: EvaluationRecorder,
    layout: ThetaLayout,
    reml: boolean,
    n: number,
    p: number,
  ): EvaluationRecorder {
    if (this.identity) return inner;
    return {
      fitLog: inner.fitLog,
      record: (theta, value) =>
        inner.record(this.thetaOut(layout, theta), this.objectiveOut(value, reml, n, p)),
    };
  }

  /** Fitted values of the user's response from the conditioned fit f̃: s_y·f̃ + shift + offset. */
  fittedOut(internal: Float64Array): Float64Array {
    const { yShift, constantValue } = this.conditioning;
    const sy = this.responseScale;
    const offset = this.parts.offset ?? null;
    const out = new Float64Array(internal.length);
    for (let t = 0; t < out.length; t++) {
      const shift =
        yShift === 0 || this.constantValues === null
          ? 0
          : (yShift * this.constantValues[t]) / constantValue;
      out[t] = sy * internal[t] + shift + (offset === null ? 0 : offset[t]);
    }
    return out;
  }
}
