import { ModelError } from "@mixedmodels/core";
import { bilinear, inverseSpd, multiply, symmetricPseudoInverse } from "./dense";
import type { ContrastTest } from "./satterthwaite";
import type { VarianceDerivatives } from "./variance-derivatives";

/** pbkrtest inverts the expected information by ginv when its smallest |eigenvalue| is this small. */
const conditionThreshold = 1e-10;

/** A Kenward–Roger F test: the scaled F, its unscaled value and the scaling. */
export interface KenwardRogerTest extends ContrastTest {
  /** Wald/q with the adjusted covariance, before scaling (lmerTest prints F·scaling). */
  readonly unscaledF: number;
  readonly scaling: number;
}

/**
 * Kenward and Roger (1997) as pbkrtest 0.5.2 computes it, with the same variance parameters
 * (the covariances of each term and σ², V linear in them): W = 2·I_E⁻¹ from the expected REML
 * information I_E,ij = tr(P G_i P G_j), the adjusted covariance
 * Φ_A = Φ + 2Φ{Σ_ij W_ij (Q_ij − P_iΦP_j)}Φ, and the scaled F with its denominator df.
 * All the n×n products pbkrtest forms are q-dimensional here (`marginalMoments`).
 */
export class KenwardRoger {
  readonly phi: Float64Array;
  /** The adjusted covariance of β̂, p×p. */
  readonly adjustedCovariance: Float64Array;
  /** W = 2 I_E⁻¹. */
  readonly w: Float64Array;
  private readonly pMatrices: readonly Float64Array[];
  /** Φ P_i Φ (p×p) per variance parameter: every test's traces are r×r forms of these. */
  private readonly phiPPhi: readonly Float64Array[];
  private readonly count: number;
  private readonly p: number;

  constructor(derivatives: VarianceDerivatives) {
    if (!derivatives.reml)
      throw new ModelError("Kenward–Roger's method needs a REML fit (fit with reml: true)");
    const { p, parameters, phi, a, q, expectedInformation } = derivatives;
    const count = parameters.count;
    const m = p + 1;
    this.p = p;
    this.count = count;
    this.phi = phi;
    const pseudo = symmetricPseudoInverse(count, expectedInformation, 0);
    const smallest = Math.min(...Array.from(pseudo.values, Math.abs));
    const inverse =
      smallest > conditionThreshold
        ? inverseSpdOrPseudo(count, expectedInformation, pseudo.inverse)
        : pseudoInverseAll(count, expectedInformation);
    this.w = inverse.map((x) => 2 * x);
    const xx = (source: Float64Array) => {
      const out = new Float64Array(p * p);
      for (let c = 0; c < p; c++) for (let r = 0; r < p; r++) out[r + c * p] = source[r + c * m];
      return out;
    };
    this.pMatrices = a.map((ai) => xx(ai).map((v) => -v));
    this.phiPPhi = this.pMatrices.map((pi) =>
      multiply(false, false, p, p, p, phi, multiply(false, false, p, p, p, pi, phi)),
    );
    const u = new Float64Array(p * p);
    for (let i = 0; i < count; i++) {
      const phiPi = multiply(false, false, p, p, p, phi, this.pMatrices[i]);
      for (let j = 0; j < count; j++) {
        const wij = this.w[i + j * count];
        const qij = xx(q[i * count + j]);
        const pipj = multiply(false, false, p, p, p, this.pMatrices[j], phiPi);
        // P_i Φ P_j = (P_j Φ P_i)ᵀ; pbkrtest sums Q_ij − P_iΦP_j over ordered pairs.
        for (let c = 0; c < p; c++)
          for (let r = 0; r < p; r++) u[r + c * p] += wij * (qij[r + c * p] - pipj[c + r * p]);
      }
    }
    const correction = multiply(
      false,
      false,
      p,
      p,
      p,
      phi,
      multiply(false, false, p, p, p, u, phi),
    );
    this.adjustedCovariance = phi.map((v, e) => v + 2 * correction[e]);
  }

  /** cᵀΦ_Ac and the Kenward–Roger df of one contrast (pbkrtest's `Lb_ddf`). */
  contrast(c: ArrayLike<number>): { variance: number; df: number } {
    const { df } = this.moments([Array.from(c)]);
    return { variance: bilinear(this.p, c, this.adjustedCovariance, c), df };
  }

  /** The scaled F test of Lβ = 0 (pbkrtest's `KRmodcomp`, L of full row rank). */
  test(L: readonly (readonly number[])[], beta: ArrayLike<number>): KenwardRogerTest {
    const rows = L.length;
    const { df, A2 } = this.moments(L);
    const scaling = Math.abs(df - 2) < 1e-2 ? 1 : (df * (1 - A2 / rows)) / (df - 2);
    const lb = L.map((row) => row.reduce((s, v, c) => s + v * beta[c], 0));
    const lphial = new Float64Array(rows * rows);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < rows; j++)
        lphial[i + j * rows] = bilinear(this.p, L[i], this.adjustedCovariance, L[j]);
    const inverse = inverseSpd(rows, lphial, "L Φ_A Lᵀ");
    const wald = bilinear(rows, lb, inverse, lb);
    const unscaledF = wald / rows;
    return { numDf: rows, denDf: df, F: scaling * unscaledF, unscaledF, scaling };
  }

  /** pbkrtest's A1, A2 and the denominator df for L (rows × p). */
  private moments(L: readonly (readonly number[])[]): { df: number; A2: number } {
    const p = this.p;
    const rows = L.length;
    const lphil = new Float64Array(rows * rows);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < rows; j++) lphil[i + j * rows] = bilinear(p, L[i], this.phi, L[j]);
    const middle = inverseSpd(rows, lphil, "L Φ Lᵀ");
    // With Θ = Lᵀ(LΦLᵀ)⁻¹L = LᵀML, pbkrtest's U_i = ΘΦP_iΦ has tr U_i = tr(M B_i) and
    // tr(U_iU_j) = tr(M B_i M B_j) for the r×r B_i = L(ΦP_iΦ)Lᵀ: r-sized work per test, not p³.
    const mb = this.phiPPhi.map((ppp) => {
      const b = new Float64Array(rows * rows);
      for (let i = 0; i < rows; i++)
        for (let j = 0; j <= i; j++) {
          const v = bilinear(p, L[i], ppp, L[j]);
          b[i + j * rows] = v;
          b[j + i * rows] = v;
        }
      return multiply(false, false, rows, rows, rows, middle, b);
    });
    const traces = mb.map((u) => {
      let t = 0;
      for (let c = 0; c < rows; c++) t += u[c + c * rows];
      return t;
    });
    let A1 = 0;
    let A2 = 0;
    for (let i = 0; i < this.count; i++) {
      for (let j = 0; j < this.count; j++) {
        const w = this.w[i + j * this.count];
        A1 += w * traces[i] * traces[j];
        let trace = 0;
        for (let c = 0; c < rows; c++)
          for (let r = 0; r < rows; r++) trace += mb[i][r + c * rows] * mb[j][c + r * rows];
        A2 += w * trace;
      }
    }
    const q = rows;
    const B = (A1 + 6 * A2) / (2 * q);
    const g = ((q + 1) * A1 - (q + 4) * A2) / ((q + 2) * A2);
    const denominator = 3 * q + 2 * (1 - g);
    const c1 = g / denominator;
    const c2 = (q - g) / denominator;
    const c3 = (q + 2 - g) / denominator;
    let V0 = 1 + c1 * B;
    const V1 = 1 - c2 * B;
    const V2 = 1 - c3 * B;
    if (Math.abs(V0) < 1e-10) V0 = 0;
    // pbkrtest's .divZero: 0/0 → 1 (within 1e-14).
    const ratio = Math.abs(V1) < 1e-14 && Math.abs(1 - A2 / q) < 1e-14 ? 1 : (1 - A2 / q) / V1;
    const rho = (1 / q) * ratio * ratio * (V0 / V2);
    return { df: 4 + (q + 2) / (q * rho - 1), A2 };
  }
}

function inverseSpdOrPseudo(n: number, a: Float64Array, fallback: Float64Array): Float64Array {
  try {
    return inverseSpd(n, a, "the expected information");
  } catch {
    return fallback;
  }
}

/** ginv: the Moore–Penrose inverse over every non-negligible eigenvalue. */
function pseudoInverseAll(n: number, a: Float64Array): Float64Array {
  const { values } = symmetricPseudoInverse(n, a, 0);
  const largest = Math.max(...Array.from(values, Math.abs));
  return symmetricPseudoInverse(n, a, Math.sqrt(Number.EPSILON) * largest).inverse;
}
