import type { ModelParts } from "@mixedmodels/modelmatrix";
import type { BlockedSystem } from "./blocked-system";

/**
 * Leverage: the diagonal of [ZΛ X](LLᵀ)⁻¹[ZΛ X]ᵀ (rows weighted by √w), one forward solve with the
 * blocked L per observation, so O(n·nnz(L)). The system must hold a successfully updated factor.
 */
export function leverage(system: BlockedSystem, parts: ModelParts): Float64Array {
  const { n, X, reterms, weights } = parts;
  const x = new Float64Array(system.q + system.p + 1);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    x.fill(0);
    const scale = weights === null ? 1 : Math.sqrt(weights[t]);
    reterms.forEach((term, j) => {
      const s = term.s;
      const lambda = system.lambdas[j];
      const base = system.offsets[j] + term.refs[t] * s;
      for (let r = 0; r < s; r++) {
        let sum = 0;
        for (let i = r; i < s; i++) sum += lambda[i + r * s] * term.z[t * s + i];
        x[base + r] = scale * sum;
      }
    });
    for (let c = 0; c < X.p; c++) x[system.q + c] = scale * X.data[t + c * n];
    // The y slot stays 0, so the last component is ignored; the rest is L⁻¹ of the row.
    system.forwardSolve(x, 0, system.k + 1);
    let sum = 0;
    for (let i = 0; i < system.q + system.p; i++) sum += x[i] * x[i];
    out[t] = sum;
  }
  return out;
}
