import type { ModelParts, RandomEffectsMatrix } from "@mixedmodels/modelmatrix";
import { choleskyFactor, inverseFromCholesky, multiply } from "./dense";

/**
 * The moments B'V⁻ᵏB (k = 1, 2, 3) of the marginal covariance V = σ²(I + ZΛΛᵀZᵀ) that the
 * Satterthwaite and Kenward–Roger computations need, for B = Z and Y = [X r] (r the GLS residual
 * y − Xβ̂). V is n×n and never formed: with U = ZΛ and C = ΛᵀZᵀZΛ + I (q×q, the random-effects
 * block of the model's L Lᵀ),
 *
 *   σ^{2k} V⁻ᵏ = I − U (C⁻¹ + … + C⁻ᵏ) Uᵀ      (Woodbury, and UᵀU = C − I),
 *
 * so every moment is a q×q or q×m expression in the cross products ZᵀZ, ZᵀY, YᵀY, which are
 * accumulated once in O(n·(Σs)²). The rest costs O(q³) (C⁻¹ and two products), independent of n;
 * pbkrtest forms the n×n V⁻¹ instead (O(n³)).
 */
export interface MarginalMoments {
  readonly n: number;
  /** Total number of random effects. */
  readonly q: number;
  /** Columns of X (kept). */
  readonly p: number;
  /** Columns of Y = [X r]: p + 1. */
  readonly m: number;
  /** First random effect of each term (length terms + 1). */
  readonly offsets: Int32Array;
  readonly sigma: number;
  /** ZᵀV⁻¹Z, q×q. */
  readonly zz1: Float64Array;
  /** ZᵀV⁻¹Y, q×m. */
  readonly zy1: Float64Array;
  /** ZᵀV⁻²Y, q×m. */
  readonly zy2: Float64Array;
  /** YᵀV⁻ᵏY, m×m, k = 1, 2, 3. */
  readonly yy1: Float64Array;
  readonly yy2: Float64Array;
  readonly yy3: Float64Array;
  /** ZᵀV⁻²Z, only the entries within one level's s×s diagonal block (others are 0). */
  readonly zz2Diagonal: Float64Array;
  /** tr V⁻¹ and tr V⁻². */
  readonly traceV1: number;
  readonly traceV2: number;
}

/** λ matrices (s×s, column-major) of each term from θ in the parts' term order. */
export function lambdasFromTheta(
  reterms: readonly RandomEffectsMatrix[],
  theta: ArrayLike<number>,
): Float64Array[] {
  let i = 0;
  return reterms.map((term) => {
    const lambda = new Float64Array(term.s * term.s);
    for (let k = 0; k < term.thetaRows.length; k++, i++) {
      lambda[term.thetaRows[k] + term.thetaCols[k] * term.s] = theta[i];
    }
    return lambda;
  });
}

/** First random effect of each term, and q at the end. */
export function randomEffectOffsets(reterms: readonly RandomEffectsMatrix[]): Int32Array {
  const offsets = new Int32Array(reterms.length + 1);
  reterms.forEach((term, k) => {
    offsets[k + 1] = offsets[k] + term.levels.length * term.s;
  });
  return offsets;
}

/**
 * Build the moments at (θ, σ, β) from the model parts (user scale: the parts' X, y, Z).
 * Case weights enter as √w on the rows, as lme4 and the model do.
 */
export function marginalMoments(
  parts: ModelParts,
  theta: ArrayLike<number>,
  sigma: number,
  beta: ArrayLike<number>,
): MarginalMoments {
  const { n, reterms } = parts;
  const p = parts.X.p;
  const m = p + 1;
  const offsets = randomEffectOffsets(reterms);
  const q = offsets[reterms.length];
  const { K, ZY, YY } = crossProducts(parts, beta, offsets, q, m);

  // R = ΛᵀK and H = ΛᵀZᵀY: scale each level's s rows by λᵀ.
  const lambdas = lambdasFromTheta(reterms, theta);
  const R = leftMultiplyLambdaTranspose(reterms, lambdas, offsets, K, q, q);
  const H = leftMultiplyLambdaTranspose(reterms, lambdas, offsets, ZY, q, m);
  // C = ΛᵀKΛ + I = R Λ + I; RΛ is (Λᵀ Rᵀ)ᵀ and R Λ is symmetric, so build ΛᵀRᵀ.
  const C = leftMultiplyLambdaTranspose(reterms, lambdas, offsets, transpose(R, q, q), q, q);
  for (let i = 0; i < q; i++) C[i + i * q] += 1;
  const Cinv = inverseFromCholesky(q, choleskyFactor(q, C, "ΛᵀZᵀZΛ + I"));

  const CR = multiply(false, false, q, q, q, Cinv, R);
  const CH = multiply(false, false, q, m, q, Cinv, H);
  const CCH = multiply(false, false, q, m, q, Cinv, CH);
  const RtCR = multiply(true, false, q, q, q, R, CR);
  const RtCH = multiply(true, false, q, m, q, R, CH);
  const CRtCH = multiply(true, false, q, m, q, CR, CH);
  const HtCH = multiply(true, false, m, m, q, H, CH);
  const CHtCH = multiply(true, false, m, m, q, CH, CH);
  const CHtCCH = multiply(true, false, m, m, q, CH, CCH);

  const s2 = sigma * sigma;
  const s4 = s2 * s2;
  const s6 = s4 * s2;
  const zz1 = new Float64Array(q * q);
  for (let i = 0; i < q * q; i++) zz1[i] = (K[i] - RtCR[i]) / s2;
  const zy1 = new Float64Array(q * m);
  const zy2 = new Float64Array(q * m);
  for (let i = 0; i < q * m; i++) {
    zy1[i] = (ZY[i] - RtCH[i]) / s2;
    zy2[i] = (ZY[i] - RtCH[i] - CRtCH[i]) / s4;
  }
  const yy1 = new Float64Array(m * m);
  const yy2 = new Float64Array(m * m);
  const yy3 = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) {
    yy1[i] = (YY[i] - HtCH[i]) / s2;
    yy2[i] = (YY[i] - HtCH[i] - CHtCH[i]) / s4;
    yy3[i] = (YY[i] - HtCH[i] - CHtCH[i] - CHtCCH[i]) / s6;
  }
  const zz2Diagonal = new Float64Array(q * q);
  reterms.forEach((term, k) => {
    const s = term.s;
    for (let level = 0; level < term.levels.length; level++) {
      const start = offsets[k] + level * s;
      for (let b = start; b < start + s; b++) {
        for (let a = start; a < start + s; a++) {
          let crcr = 0;
          for (let w = 0; w < q; w++) crcr += CR[w + a * q] * CR[w + b * q];
          zz2Diagonal[a + b * q] = (K[a + b * q] - RtCR[a + b * q] - crcr) / s4;
        }
      }
    }
  });
  let traceC1 = 0;
  let traceC2 = 0;
  for (let j = 0; j < q; j++) {
    traceC1 += Cinv[j + j * q];
    for (let i = 0; i < q; i++) traceC2 += Cinv[i + j * q] ** 2;
  }
  return {
    n,
    q,
    p,
    m,
    offsets,
    sigma,
    zz1,
    zy1,
    zy2,
    yy1,
    yy2,
    yy3,
    zz2Diagonal,
    traceV1: (n - q + traceC1) / s2,
    traceV2: (n - q + traceC2) / s4,
  };
}

/** ZᵀZ (q×q), ZᵀY (q×m), YᵀY (m×m) with Y = [X, y − offset − Xβ], rows weighted by √w. */
function crossProducts(
  parts: ModelParts,
  beta: ArrayLike<number>,
  offsets: Int32Array,
  q: number,
  m: number,
): { K: Float64Array; ZY: Float64Array; YY: Float64Array } {
  const { n, reterms, X } = parts;
  const p = X.p;
  const offset = parts.offset ?? null;
  const weights = parts.weights;
  const width = reterms.reduce((sum, term) => sum + term.s, 0);
  const index = new Int32Array(width);
  const value = new Float64Array(width);
  const row = new Float64Array(m);
  const K = new Float64Array(q * q);
  const ZY = new Float64Array(q * m);
  const YY = new Float64Array(m * m);
  for (let t = 0; t < n; t++) {
    const root = weights === null ? 1 : Math.sqrt(weights[t]);
    let fitted = 0;
    for (let c = 0; c < p; c++) {
      const x = X.data[t + c * n];
      fitted += x * beta[c];
      row[c] = root * x;
    }
    row[p] = root * (parts.y[t] - (offset === null ? 0 : offset[t]) - fitted);
    let e = 0;
    reterms.forEach((term, k) => {
      const base = offsets[k] + term.refs[t] * term.s;
      for (let r = 0; r < term.s; r++, e++) {
        index[e] = base + r;
        value[e] = root * term.z[t * term.s + r];
      }
    });
    for (let a = 0; a < width; a++) {
      const ia = index[a];
      const va = value[a];
      for (let b = 0; b < width; b++) K[ia + index[b] * q] += va * value[b];
      for (let c = 0; c < m; c++) ZY[ia + c * q] += va * row[c];
    }
    for (let c = 0; c < m; c++) for (let d = 0; d < m; d++) YY[d + c * m] += row[d] * row[c];
  }
  return { K, ZY, YY };
}

/** (I ⊗ λ_k)ᵀ applied to the rows of a q×cols matrix, per term and level. */
function leftMultiplyLambdaTranspose(
  reterms: readonly RandomEffectsMatrix[],
  lambdas: readonly Float64Array[],
  offsets: Int32Array,
  source: Float64Array,
  q: number,
  cols: number,
): Float64Array {
  const out = new Float64Array(q * cols);
  reterms.forEach((term, k) => {
    const s = term.s;
    const lambda = lambdas[k];
    for (let level = 0; level < term.levels.length; level++) {
      const start = offsets[k] + level * s;
      for (let c = 0; c < cols; c++) {
        for (let a = 0; a < s; a++) {
          // row a of λᵀ is column a of λ
          let sum = 0;
          for (let r = 0; r < s; r++) sum += lambda[r + a * s] * source[start + r + c * q];
          out[start + a + c * q] = sum;
        }
      }
    }
  });
  return out;
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) for (let i = 0; i < rows; i++) out[j + i * cols] = a[i + j * rows];
  return out;
}
