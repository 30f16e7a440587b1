import { symmetricEigen } from "@mixedmodels/linalg";
import { bilinear, multiply, symmetricPseudoInverse } from "./dense";
import type { VarianceDerivatives } from "./variance-derivatives";

/** lmerTest's threshold on the eigenvalues of the deviance's Hessian (`as_lmerModLT`, tol). */
const hessianTolerance = 1e-8;

/** An F (or t²) test of Lβ = 0 with its degrees of freedom. */
export interface ContrastTest {
  /** Rank of L (the numerator df). */
  readonly numDf: number;
  readonly denDf: number;
  readonly F: number;
}

/**
 * Satterthwaite's degrees of freedom as lmerTest computes them: for a contrast c,
 * df = 2 (cᵀΦc)² / (gᵀ A g), A = 2 H⁻¹ the asymptotic covariance of φ = (θ, σ) from the Hessian H
 * of the deviance in φ (pseudo-inverse over eigenvalues > 1e-8), g_m = cᵀ(∂Φ/∂φ_m)c. H and ∂Φ/∂φ
 * are exact (see `varianceDerivatives`); lmerTest takes both by numerical differentiation.
 */
export class Satterthwaite {
  /** A = 2H⁻¹ (count × count). */
  readonly varparCovariance: Float64Array;
  /** ∂Φ/∂φ_m, p×p each. */
  readonly phiJacobian: readonly Float64Array[];
  readonly phi: Float64Array;
  private readonly count: number;
  private readonly p: number;

  constructor(derivatives: VarianceDerivatives) {
    const { p, parameters, phi, a, jacobianPhi, hessianPhi } = derivatives;
    const count = parameters.count;
    this.count = count;
    this.p = p;
    this.phi = phi;
    const inverse = symmetricPseudoInverse(count, hessianPhi, hessianTolerance).inverse;
    this.varparCovariance = inverse.map((x) => 2 * x);
    const m = p + 1;
    // ∂Φ/∂γ_i = Φ A_i,XX Φ; ∂Φ/∂φ_m = Σ_i J[i, m] ∂Φ/∂γ_i.
    const perGamma = a.map((ai) => {
      const xx = new Float64Array(p * p);
      for (let c = 0; c < p; c++) for (let r = 0; r < p; r++) xx[r + c * p] = ai[r + c * m];
      return multiply(false, false, p, p, p, phi, multiply(false, false, p, p, p, xx, phi));
    });
    this.phiJacobian = Array.from({ length: count }, (_, mIndex) => {
      const out = new Float64Array(p * p);
      for (let i = 0; i < count; i++) {
        const weight = jacobianPhi[i + mIndex * count];
        if (weight === 0) continue;
        for (let e = 0; e < p * p; e++) out[e] += weight * perGamma[i][e];
      }
      return out;
    });
  }

  /** cᵀΦc and its Satterthwaite df. */
  contrast(c: ArrayLike<number>): { variance: number; df: number } {
    const variance = bilinear(this.p, c, this.phi, c);
    const g = this.phiJacobian.map((jac) => bilinear(this.p, c, jac, c));
    const denominator = bilinear(this.count, g, this.varparCovariance, g);
    return { variance, df: (2 * variance * variance) / denominator };
  }

  /**
   * The F test of Lβ = 0 (L rows × p, row-major rows), lmerTest's `contestMD`: rotate L by the
   * eigenvectors of LΦLᵀ, F = mean of the rotated t², and df from the rotated contrasts' dfs
   * (E = Σ ν/(ν − 2), df = 2E/(E − q); 2 when some ν ≤ 2; their mean when all agree).
   */
  test(L: readonly (readonly number[])[], beta: ArrayLike<number>): ContrastTest {
    const rows = L.length;
    const p = this.p;
    if (rows === 1) {
      const { variance, df } = this.contrast(L[0]);
      const estimate = dot(L[0], beta);
      return { numDf: 1, denDf: df, F: (estimate * estimate) / variance };
    }
    const lphil = new Float64Array(rows * rows);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < rows; j++) lphil[i + j * rows] = bilinear(p, L[i], this.phi, L[j]);
    const values = new Float64Array(rows);
    const vectors = new Float64Array(rows * rows);
    symmetricEigen(rows, lphil, 0, rows, values, vectors);
    // lmerTest orders the eigenvalues decreasingly and keeps those above eps·largest.
    const largest = values[rows - 1];
    const tolerance = Math.max(Math.sqrt(Number.EPSILON) * largest, 0);
    const nu: number[] = [];
    let sum = 0;
    for (let k = rows - 1; k >= 0; k--) {
      if (!(values[k] > tolerance)) continue;
      const rotated = new Float64Array(p);
      for (let i = 0; i < rows; i++) {
        const w = vectors[i + k * rows];
        for (let c = 0; c < p; c++) rotated[c] += w * L[i][c];
      }
      const estimate = dot(rotated, beta);
      sum += (estimate * estimate) / values[k];
      nu.push(this.contrast(rotated).df);
    }
    const q = nu.length;
    return { numDf: q, denDf: combinedDf(nu), F: sum / q };
  }
}

/** lmerTest's `get_Fstat_ddf`. */
export function combinedDf(nu: readonly number[]): number {
  if (nu.length === 1) return nu[0];
  let allEqual = true;
  for (let i = 1; i < nu.length; i++) if (!(Math.abs(nu[i] - nu[i - 1]) < 1e-8)) allEqual = false;
  if (allEqual) return nu.reduce((s, x) => s + x, 0) / nu.length;
  if (nu.some((x) => x <= 2)) return 2;
  const E = nu.reduce((s, x) => s + x / (x - 2), 0);
  return (2 * E) / (E - nu.length);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
