import type { ModelParts } from "@mixedmodels/modelmatrix";
import { multiply } from "./dense";
import { marginalMoments } from "./marginal-moments";
import { structuredMoments } from "./structured-moments";
import type { VarianceParameters } from "./variance-parameters";

/**
 * What the derivatives of the deviance need from the marginal covariance V, per variance
 * parameter γ_i of `VarianceParameters` (G_i = ∂V/∂γ_i; the last γ is σ², G = I), with
 * Y = [X r]:
 *
 *   A_i = YᵀV⁻¹G_iV⁻¹Y,   Q_ij = YᵀV⁻¹G_iV⁻¹G_jV⁻¹Y,   tr(V⁻¹G_i),   tr(V⁻¹G_iV⁻¹G_j).
 *
 * Two routes give them: `structuredMoments` (the Schur complement of the largest term, cost
 * growing with the other terms' size) where every λ is comfortably invertible, and the dense
 * q×q route of `marginalMoments` otherwise (a variance at or near 0).
 */
export interface DerivativeMoments {
  readonly p: number;
  /** Columns of Y: p + 1. */
  readonly m: number;
  /** YᵀV⁻¹Y (m×m). */
  readonly yy1: Float64Array;
  /** A_i (m×m) per γ. */
  readonly a: readonly Float64Array[];
  /** tr(V⁻¹G_i) per γ. */
  readonly traceVG: Float64Array;
  /** Q_ij (m×m) and tr(V⁻¹G_iV⁻¹G_j), for i ≤ j. */
  pair(i: number, j: number): { q: Float64Array; trace: number };
}

/** The moments at (θ, σ, β), by the structured route where it is safe, else the dense one. */
export function derivativeMoments(
  parts: ModelParts,
  parameters: VarianceParameters,
  theta: ArrayLike<number>,
  sigma: number,
  beta: ArrayLike<number>,
  route: "auto" | "dense" = "auto",
): DerivativeMoments {
  if (route === "auto") {
    const structured = structuredMoments(parts, parameters, theta, sigma, beta);
    if (structured !== null) return structured;
  }
  return denseMoments(parts, parameters, theta, sigma, beta);
}

/** The dense route: ZᵀV⁻¹Z and friends as q×q matrices (O(q³)). */
function denseMoments(
  parts: ModelParts,
  parameters: VarianceParameters,
  theta: ArrayLike<number>,
  sigma: number,
  beta: ArrayLike<number>,
): DerivativeMoments {
  const moments = marginalMoments(parts, theta, sigma, beta);
  const { p, m, q } = moments;
  const count = parameters.count;
  const applied = Array.from({ length: count }, (_, i) =>
    parameters.isResidual(i) ? null : parameters.applyE(i, moments.zy1, q, m),
  );
  const a = applied.map((en) =>
    en === null ? moments.yy2 : multiply(true, false, m, m, q, moments.zy1, en),
  );
  const zzTimes = applied.map((en) =>
    en === null ? null : multiply(false, false, q, m, q, moments.zz1, en),
  );
  const traceVG = new Float64Array(count);
  for (let i = 0; i < count; i++)
    traceVG[i] = parameters.isResidual(i) ? moments.traceV1 : parameters.traceEM(i, moments.zz1, q);
  return {
    p,
    m,
    yy1: moments.yy1,
    a,
    traceVG,
    pair(i, j) {
      const ei = applied[i];
      const ej = applied[j];
      if (ei !== null && ej !== null) {
        return {
          q: multiply(true, false, m, m, q, ei, zzTimes[j] as Float64Array),
          trace: parameters.traceEMEM(i, j, moments.zz1, q),
        };
      }
      if (ei !== null) {
        // j is the residual (i < j): Yᵀ V⁻¹ZE_iZᵀ V⁻² Y
        return {
          q: multiply(true, false, m, m, q, ei, moments.zy2),
          trace: parameters.traceEM(i, moments.zz2Diagonal, q),
        };
      }
      return { q: moments.yy3, trace: moments.traceV2 };
    },
  };
}
