import { ModelError } from "@mixedmodels/core";
import type { LinearMixedModel } from "@mixedmodels/models";
import { inverseSpd, leadingBlock, multiply, traceOfProduct } from "./dense";
import { derivativeMoments } from "./derivative-moments";
import { lambdasFromTheta, randomEffectOffsets } from "./marginal-moments";
import { VarianceParameters } from "./variance-parameters";

/**
 * Exact first and second derivatives of the (REML or ML) deviance, and of the covariance of β̂,
 * with respect to the variance parameters, at a fitted model's estimates. Everything is an
 * analytic trace or quadratic form in the moments of `marginalMoments` (no finite differences,
 * no refits): with G_i = ∂V/∂γ_i, P = V⁻¹ − V⁻¹XΦXᵀV⁻¹, Φ = (XᵀV⁻¹X)⁻¹, r the GLS residual,
 *
 *   ∂d/∂γ_i        = tr(P G_i) − rᵀV⁻¹G_iV⁻¹r                      (REML; ML: tr(V⁻¹G_i))
 *   ∂²d/∂γ_i∂γ_j   = −tr(P G_i P G_j) + 2 rᵀV⁻¹G_i P G_jV⁻¹r        (ML: −tr(V⁻¹G_iV⁻¹G_j))
 *   ∂Φ/∂γ_i        = Φ XᵀV⁻¹G_iV⁻¹X Φ
 *
 * and pbkrtest's P_i = −XᵀV⁻¹G_iV⁻¹X, Q_ij = XᵀV⁻¹G_iV⁻¹G_jV⁻¹X, expected information
 * tr(P G_i P G_j). lmerTest's parameters (θ, σ) follow by the chain rule through γ(θ, σ).
 */
export interface VarianceDerivatives {
  readonly reml: boolean;
  readonly p: number;
  readonly parameters: VarianceParameters;
  /** Φ = (XᵀV⁻¹X)⁻¹, p×p: the covariance of β̂ (= vcov). */
  readonly phi: Float64Array;
  /** Yᵀ V⁻¹G_iV⁻¹ Y, (p+1)×(p+1) per γ_i (Y = [X r]). */
  readonly a: readonly Float64Array[];
  /** Yᵀ V⁻¹G_iV⁻¹G_jV⁻¹ Y, (p+1)×(p+1), at index i·count + j. */
  readonly q: readonly Float64Array[];
  /** tr(P G_i P G_j) (count × count): the REML expected information, times 2. */
  readonly expectedInformation: Float64Array;
  /** Gradient and Hessian of the deviance in γ. */
  readonly gradientGamma: Float64Array;
  readonly hessianGamma: Float64Array;
  /** ∂γ/∂φ and the Hessian of the deviance in φ = (θ, σ) (lmerTest's varpar). */
  readonly jacobianPhi: Float64Array;
  readonly hessianPhi: Float64Array;
}

/**
 * Compute the derivatives at a fitted linear mixed model's θ̂, σ̂, β̂ (`route: "dense"` forces the
 * q×q route, for checks). @throws ModelError
 */
export function varianceDerivatives(
  model: LinearMixedModel,
  route: "auto" | "dense" = "auto",
): VarianceDerivatives {
  if (!model.isFitted) throw new ModelError("inference needs a fitted model; call fit() first");
  const parts = model.parts;
  const theta = model.theta;
  const sigma = model.sigma;
  const reml = model.reml;
  const parameters = new VarianceParameters(parts.reterms, randomEffectOffsets(parts.reterms));
  const moments = derivativeMoments(parts, parameters, theta, sigma, model.fixef(), route);
  const { p, m, a } = moments;
  const count = parameters.count;
  const phi = inverseSpd(p, leadingBlock(m, p, moments.yy1), "XᵀV⁻¹X");

  const qs: Float64Array[] = new Array(count * count);
  const ktrace = new Float64Array(count * count);
  for (let i = 0; i < count; i++) {
    for (let j = i; j < count; j++) {
      const value = moments.pair(i, j);
      qs[i * count + j] = value.q;
      qs[j * count + i] = transposeSquare(value.q, m);
      ktrace[i + j * count] = value.trace;
      ktrace[j + i * count] = value.trace;
    }
  }

  const phiXX = (i: number) => multiply(false, false, p, p, p, phi, leadingBlock(m, p, a[i]));
  const phiA = Array.from({ length: count }, (_, i) => phiXX(i));
  const expected = new Float64Array(count * count);
  const hessianGamma = new Float64Array(count * count);
  const gradientGamma = new Float64Array(count);
  const rr = p + p * m;
  for (let i = 0; i < count; i++) {
    const traceVG = moments.traceVG[i];
    let tracePhiA = 0;
    for (let c = 0; c < p; c++) tracePhiA += phiA[i][c + c * p];
    gradientGamma[i] = (reml ? traceVG - tracePhiA : traceVG) - a[i][rr];
    for (let j = 0; j < count; j++) {
      const qij = qs[i * count + j];
      const tracePhiQ = traceOfProduct(p, phi, leadingBlock(m, p, qij));
      const info = ktrace[i + j * count] - 2 * tracePhiQ + traceOfProduct(p, phiA[i], phiA[j]);
      expected[i + j * count] = info;
      // rᵀV⁻¹G_i P G_jV⁻¹r = Q_ij[r, r] − (XᵀV⁻¹G_iV⁻¹r)ᵀ Φ (XᵀV⁻¹G_jV⁻¹r)
      let correction = 0;
      for (let c = 0; c < p; c++) {
        let row = 0;
        for (let d = 0; d < p; d++) row += phi[c + d * p] * a[j][d + p * m];
        correction += a[i][c + p * m] * row;
      }
      const quadratic = qij[rr] - correction;
      hessianGamma[i + j * count] = -(reml ? info : ktrace[i + j * count]) + 2 * quadratic;
    }
  }

  const lambdas = lambdasFromTheta(parts.reterms, theta);
  const jacobianPhi = parameters.jacobian(lambdas, sigma);
  const hessianPhi = chainRuleHessian(count, jacobianPhi, hessianGamma, gradientGamma, (i) =>
    parameters.secondDerivatives(i, lambdas, sigma),
  );
  return {
    reml,
    p,
    parameters,
    phi,
    a,
    q: qs,
    expectedInformation: expected,
    gradientGamma,
    hessianGamma,
    jacobianPhi,
    hessianPhi,
  };
}

/** H_φ = Jᵀ H_γ J + Σ_i (∂d/∂γ_i) ∂²γ_i/∂φ∂φᵀ. */
function chainRuleHessian(
  n: number,
  J: Float64Array,
  hessianGamma: Float64Array,
  gradientGamma: Float64Array,
  second: (i: number) => Float64Array,
): Float64Array {
  const hj = multiply(false, false, n, n, n, hessianGamma, J);
  const out = multiply(true, false, n, n, n, J, hj);
  for (let i = 0; i < n; i++) {
    const h = second(i);
    for (let e = 0; e < n * n; e++) out[e] += gradientGamma[i] * h[e];
  }
  return out;
}

function transposeSquare(a: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) out[j + i * n] = a[i + j * n];
  return out;
}
