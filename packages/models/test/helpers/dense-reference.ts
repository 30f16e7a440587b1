/** Dense reference computations for small models, straight from the definitions. */
import type { LinearMixedModel } from "../../src/linear-mixed-model";

export interface DenseDesign {
  /** [ZΛ X], n×(q+p) column-major. */
  readonly w: Float64Array;
  readonly n: number;
  readonly q: number;
  readonly p: number;
}

/** Dense [ZΛ X] at θ (default: the model's current θ). */
export function denseDesign(
  model: LinearMixedModel,
  theta: ArrayLike<number> = model.theta,
): DenseDesign {
  const { n, X, reterms } = model.parts;
  const q = reterms.reduce((sum, term) => sum + term.levels.length * term.s, 0);
  const p = X.p;
  const w = new Float64Array(n * (q + p));
  let thetaIndex = 0;
  let offset = 0;
  for (const term of reterms) {
    const s = term.s;
    const lambda = new Float64Array(s * s);
    for (let i = 0; i < term.thetaRows.length; i++) {
      lambda[term.thetaRows[i] + term.thetaCols[i] * s] = theta[thetaIndex++];
    }
    for (let t = 0; t < n; t++) {
      for (let c = 0; c < s; c++) {
        let sum = 0;
        for (let r = c; r < s; r++) sum += term.z[t * s + r] * lambda[r + c * s];
        w[t + (offset + term.refs[t] * s + c) * n] = sum;
      }
    }
    offset += term.levels.length * s;
  }
  w.set(X.data.subarray(0, n * p), n * q);
  return { w, n, q, p };
}

/** WᵀW plus 1 on the first `penalized` diagonal entries (m×m for the first m columns of W). */
export function penalizedGram(design: DenseDesign, m: number, penalized: number): Float64Array {
  const { w, n } = design;
  const gram = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    for (let r = 0; r < m; r++) {
      let sum = r === c && r < penalized ? 1 : 0;
      for (let t = 0; t < n; t++) sum += w[t + r * n] * w[t + c * n];
      gram[r + c * m] = sum;
    }
  }
  return gram;
}
