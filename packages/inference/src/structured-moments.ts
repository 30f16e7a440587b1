import type { ModelParts } from "@mixedmodels/modelmatrix";
import { multiply } from "./dense";
import type { DerivativeMoments } from "./derivative-moments";
import { lambdasFromTheta } from "./marginal-moments";
import { pairTrace, StructuredInverse } from "./structured-inverse";
import type { VarianceParameters } from "./variance-parameters";

/**
 * Below this |λ_aa| (θ is on σ's scale) the structured route's Λ⁻¹ loses accuracy (I − C⁻¹
 * cancels when C ≈ I) and the dense route is used instead.
 */
const smallestDiagonal = 1e-3;

/**
 * The derivative moments without q×q matrices. With U = ZΛ, C = UᵀU + I and Λ invertible,
 * Woodbury and ΛᵀZᵀZΛ = C − I turn every moment into C⁻¹ applied to H = UᵀY or to traces of
 * C⁻¹ against the block-diagonal Ẽ_i = Λ⁻¹E_iΛ⁻ᵀ (G_i = ZE_iZᵀ = UẼ_iUᵀ):
 *
 *   ΛᵀZᵀV⁻¹Y = C⁻¹H/σ²,  ΛᵀZᵀV⁻²Y = C⁻²H/σ⁴,  ZᵀV⁻¹Z = Λ⁻ᵀ(I − C⁻¹)Λ⁻¹/σ²,
 *   ZᵀV⁻²Z = Λ⁻ᵀ(C⁻¹ − C⁻²)Λ⁻¹/σ⁴,  σ²tr V⁻¹ = n − q + tr C⁻¹,  σ⁴tr V⁻² = n − q + ‖C⁻¹‖²,
 *
 * so A_i = (C⁻¹H)ᵀẼ_i(C⁻¹H)/σ⁴, Q_ij = w_iᵀ(I − C⁻¹)w_j/σ⁶ with w_i = Ẽ_iC⁻¹H, and
 * tr(V⁻¹G_iV⁻¹G_j) = tr(Ẽ_i(I − C⁻¹)Ẽ_j(I − C⁻¹))/σ⁴. C⁻¹ is held by `StructuredInverse`.
 * Returns null when some λ has a diagonal entry below `smallestDiagonal`.
 */
export function structuredMoments(
  parts: ModelParts,
  parameters: VarianceParameters,
  theta: ArrayLike<number>,
  sigma: number,
  beta: ArrayLike<number>,
): DerivativeMoments | null {
  const { n, reterms, X } = parts;
  const lambdas = lambdasFromTheta(reterms, theta);
  for (let k = 0; k < reterms.length; k++) {
    const s = reterms[k].s;
    for (let a = 0; a < s; a++)
      if (!(Math.abs(lambdas[k][a + a * s]) >= smallestDiagonal)) return null;
  }
  const p = X.p;
  const m = p + 1;
  const root = rootWeights(parts);
  const u = reterms.map((term, k) => {
    const s = term.s;
    const lambda = lambdas[k];
    const out = new Float64Array(n * s);
    for (let t = 0; t < n; t++)
      for (let a = 0; a < s; a++) {
        let sum = 0;
        for (let r = a; r < s; r++) sum += lambda[r + a * s] * term.z[t * s + r];
        out[t * s + a] = root[t] * sum;
      }
    return out;
  });
  const Y = responseColumns(parts, beta, root);
  const YY = multiply(true, false, m, m, n, Y, Y);
  const inverse = new StructuredInverse(parts, u);
  const q = inverse.q;
  const H = new Float64Array(q * m);
  reterms.forEach((term, k) => {
    const s = term.s;
    const uk = u[k];
    const refs = term.refs;
    const offset = inverse.offsets[k];
    for (let c = 0; c < m; c++) {
      const column = c * q + offset;
      for (let t = 0; t < n; t++) {
        const y = Y[t + c * n];
        const base = column + refs[t] * s;
        for (let a = 0; a < s; a++) H[base + a] += uk[t * s + a] * y;
      }
    }
  });
  const CH = inverse.solve(H, m);
  const C2H = inverse.solve(CH, m);
  const HtCH = multiply(true, false, m, m, q, H, CH);
  const CHtCH = multiply(true, false, m, m, q, CH, CH);
  const CHtC2H = multiply(true, false, m, m, q, CH, C2H);
  const s2 = sigma * sigma;
  const s4 = s2 * s2;
  const s6 = s4 * s2;
  const yy = (k: number) => {
    const out = new Float64Array(m * m);
    for (let e = 0; e < m * m; e++) {
      let v = YY[e] - HtCH[e];
      if (k >= 2) v -= CHtCH[e];
      if (k >= 3) v -= CHtC2H[e];
      out[e] = v / (k === 1 ? s2 : k === 2 ? s4 : s6);
    }
    return out;
  };
  const yy1 = yy(1);
  const yy2 = yy(2);
  const yy3 = yy(3);

  const count = parameters.count;
  const last = count - 1;
  const tilde = Array.from({ length: last }, (_, i) =>
    tildeE(parameters, lambdas, reterms[parameters.term[i]].s, i),
  );
  const w = tilde.map((e, i) =>
    applyBlocks(e, reterms[parameters.term[i]], inverse.offsets[parameters.term[i]], CH, q, m),
  );
  const cw = w.map((wi) => inverse.solve(wi, m));
  const a: Float64Array[] = w.map((wi) => scale(multiply(true, false, m, m, q, CH, wi), 1 / s4));
  a.push(yy2);

  const tensors = new Map<number, Float64Array>();
  const tensor = (ka: number, kb: number) => {
    const key = ka * reterms.length + kb;
    let t = tensors.get(key);
    if (t === undefined) {
      const ta = reterms[ka];
      const tb = reterms[kb];
      t = inverse.pairTensor(ka, kb, ta.s, tb.s, ta.levels.length, tb.levels.length);
      tensors.set(key, t);
    }
    return t;
  };
  const identities = reterms.map((term) => identity(term.s));
  // tr(C⁻¹Ẽ_iC⁻¹) and ‖C⁻¹‖² (the identity on every term).
  const traceWithIdentity = (i: number) => {
    const k = parameters.term[i];
    let sum = 0;
    for (let b = 0; b < reterms.length; b++)
      sum += pairTrace(tensor(k, b), reterms[k].s, reterms[b].s, tilde[i], identities[b]);
    return sum;
  };
  let frobenius = 0;
  let traceInverse = 0;
  for (let ka = 0; ka < reterms.length; ka++) {
    traceInverse += traceOf(reterms[ka].s, inverse.diagonalSums[ka]);
    for (let kb = 0; kb < reterms.length; kb++)
      frobenius += pairTrace(
        tensor(ka, kb),
        reterms[ka].s,
        reterms[kb].s,
        identities[ka],
        identities[kb],
      );
  }
  const traceEC = tilde.map((e, i) => {
    const k = parameters.term[i];
    return traceOfProductSmall(reterms[k].s, e, inverse.diagonalSums[k]);
  });
  const traceVG = new Float64Array(count);
  for (let i = 0; i < last; i++) {
    const term = reterms[parameters.term[i]];
    traceVG[i] = (term.levels.length * traceOf(term.s, tilde[i]) - traceEC[i]) / s2;
  }
  traceVG[last] = (n - q + traceInverse) / s2;

  return {
    p,
    m,
    yy1,
    a,
    traceVG,
    pair(i, j) {
      if (i < last && j < last) {
        const ww = multiply(true, false, m, m, q, w[i], w[j]);
        const wcw = multiply(true, false, m, m, q, w[i], cw[j]);
        const qij = ww.map((v, e) => (v - wcw[e]) / s6);
        const ki = parameters.term[i];
        const kj = parameters.term[j];
        let trace = pairTrace(tensor(ki, kj), reterms[ki].s, reterms[kj].s, tilde[i], tilde[j]);
        if (ki === kj) {
          const s = reterms[ki].s;
          const product = multiply(false, false, s, s, s, tilde[i], tilde[j]);
          trace += reterms[ki].levels.length * traceOf(s, product);
          trace -= 2 * traceOfProductSmall(s, product, inverse.diagonalSums[ki]);
        }
        return { q: qij, trace: trace / s4 };
      }
      if (i < last) {
        return {
          q: scale(multiply(true, false, m, m, q, w[i], C2H), 1 / s6),
          trace: (traceEC[i] - traceWithIdentity(i)) / s4,
        };
      }
      return { q: yy3, trace: (n - q + frobenius) / s4 };
    },
  };
}

function rootWeights(parts: ModelParts): Float64Array {
  const root = new Float64Array(parts.n).fill(1);
  if (parts.weights !== null)
    for (let t = 0; t < parts.n; t++) root[t] = Math.sqrt(parts.weights[t]);
  return root;
}

/** Y = [X, y − offset − Xβ] (n×m, column-major), rows times √w. */
function responseColumns(
  parts: ModelParts,
  beta: ArrayLike<number>,
  root: Float64Array,
): Float64Array {
  const { n, X } = parts;
  const p = X.p;
  const Y = new Float64Array(n * (p + 1));
  const residual = Y.subarray(p * n);
  for (let t = 0; t < n; t++) residual[t] = parts.y[t] - (parts.offset ? parts.offset[t] : 0);
  for (let c = 0; c < p; c++) {
    const bc = beta[c];
    for (let t = 0; t < n; t++) {
      const x = X.data[t + c * n];
      residual[t] -= x * bc;
      Y[t + c * n] = root[t] * x;
    }
  }
  for (let t = 0; t < n; t++) residual[t] *= root[t];
  return Y;
}

/** ẽ_i = λ⁻¹E_iλ⁻ᵀ (s×s) for γ_i's term. */
function tildeE(
  parameters: VarianceParameters,
  lambdas: readonly Float64Array[],
  s: number,
  i: number,
): Float64Array {
  const inverse = lowerInverse(s, lambdas[parameters.term[i]]);
  const a = parameters.row[i];
  const b = parameters.col[i];
  const out = new Float64Array(s * s);
  // λ⁻¹(e_a e_bᵀ + e_b e_aᵀ)λ⁻ᵀ = x yᵀ + y xᵀ with x, y columns a, b of λ⁻¹ (once on the diagonal).
  for (let c = 0; c < s; c++)
    for (let r = 0; r < s; r++) {
      const v = inverse[r + a * s] * inverse[c + b * s];
      out[r + c * s] += a === b ? v : v + inverse[r + b * s] * inverse[c + a * s];
    }
  return out;
}

function lowerInverse(s: number, lambda: Float64Array): Float64Array {
  const out = new Float64Array(s * s);
  for (let j = 0; j < s; j++) {
    out[j + j * s] = 1 / lambda[j + j * s];
    for (let i = j + 1; i < s; i++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum += lambda[i + k * s] * out[k + j * s];
      out[i + j * s] = -sum / lambda[i + i * s];
    }
  }
  return out;
}

/** (I ⊗ e) applied to one term's rows of a q×cols matrix; the other rows are 0. */
function applyBlocks(
  e: Float64Array,
  term: { readonly s: number; readonly levels: readonly string[] },
  offset: number,
  source: Float64Array,
  q: number,
  cols: number,
): Float64Array {
  const s = term.s;
  const out = new Float64Array(q * cols);
  for (let c = 0; c < cols; c++)
    for (let l = 0; l < term.levels.length; l++) {
      const base = offset + l * s + c * q;
      for (let r = 0; r < s; r++) {
        let sum = 0;
        for (let k = 0; k < s; k++) sum += e[r + k * s] * source[base + k];
        out[base + r] = sum;
      }
    }
  return out;
}

function identity(s: number): Float64Array {
  const out = new Float64Array(s * s);
  for (let a = 0; a < s; a++) out[a + a * s] = 1;
  return out;
}

function traceOf(s: number, a: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < s; i++) sum += a[i + i * s];
  return sum;
}

function traceOfProductSmall(s: number, a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) sum += a[i + j * s] * b[j + i * s];
  return sum;
}

function scale(a: Float64Array, factor: number): Float64Array {
  for (let e = 0; e < a.length; e++) a[e] *= factor;
  return a;
}
