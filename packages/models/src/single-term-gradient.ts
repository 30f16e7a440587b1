import { blockIndex, type DenseBlock } from "@mixedmodels/linalg";
import type { BlockedSystem } from "./blocked-system";

/**
 * The gradient of the profiled objective for a model with one random-effects term, whose
 * diagonal block of L is block diagonal (one s×s block L_ℓ per level), read off the blocked
 * factor the evaluation left behind: O(levels·s³ + q·(p+1)·(p+1+s)) instead of the dense
 * O((q+p)³). The terms are those of {@link DenseProfiledGradient} (same notation): with
 * M = L⁻¹, rows of M below Z are W = [−L_22⁻¹ L_21 L_11⁻¹, L_22⁻¹], and
 * - Σ_{j ∈ Z} M[j, ℓb] C[j, ℓa] = (Ω_ℓ⁻¹ λᵀ A_ℓ)[b, a], Ω_ℓ = L_ℓL_ℓᵀ, A_ℓ level ℓ's block of ZᵀZ;
 * - Σ_{j ∈ X or y} M[j, ℓb] C[j, ℓa] with C = W·(Λ̃ᵀA)[:, Z] from W and A's [X y]ᵀZ block.
 */
export class SingleTermGradient {
  /** W's Z part (p+1)×q, then C's rows below Z (p+1)×q; L_22⁻¹ (p+1)². */
  private readonly wz: Float64Array;
  private readonly cz: Float64Array;
  private readonly inverse22: Float64Array;
  private readonly level: Float64Array;

  /** Whether `system` has the structure this class handles. */
  static applies(system: BlockedSystem): boolean {
    if (system.k !== 1) return false;
    const kind = system.factorBlock(0, 0).kind;
    const crossKind = system.crossProduct[blockIndex(0, 0)].kind;
    return (
      (kind === "diagonal" || kind === "uniform-block-diagonal") &&
      crossKind === kind &&
      system.factorBlock(1, 0).kind === "dense" &&
      system.crossProduct[blockIndex(1, 0)].kind === "dense"
    );
  }

  constructor(private readonly system: BlockedSystem) {
    const m = system.p + 1;
    this.wz = new Float64Array(m * system.q);
    this.cz = new Float64Array(m * system.q);
    this.inverse22 = new Float64Array(m * m);
    const s = system.reterms[0].s;
    this.level = new Float64Array(2 * s * s);
  }

  /** ∂objective/∂θ at the current factor into `out`; false when the factor is not complete. */
  gradient(reml: boolean, out: Float64Array): boolean {
    const { system, wz, cz, inverse22, level } = this;
    if (system.cholesky.failedBlock >= 0) return false;
    const { q, p, n, layout } = system;
    const m = p + 1;
    const s = system.reterms[0].s;
    const levels = q / s;
    const lambda = system.lambdas[0];
    const l11 = system.factorBlock(0, 0).values;
    const l21 = (system.factorBlock(1, 0) as DenseBlock).values;
    const l22 = system.fixedBlock.values;
    const a11 = system.crossProduct[blockIndex(0, 0)].values;
    const a21 = (system.crossProduct[blockIndex(1, 0)] as DenseBlock).values;

    invertLower(m, l22, inverse22);
    // Y = L_21·L_11⁻¹ per level (into cz as scratch), then W_Z = −L_22⁻¹·Y.
    for (let lv = 0; lv < levels; lv++) {
      const base = lv * s;
      const diag = lv * s * s;
      for (let r = 0; r < m; r++) {
        for (let c = s - 1; c >= 0; c--) {
          let value = l21[r + (base + c) * m];
          for (let cc = c + 1; cc < s; cc++)
            value -= cz[r + (base + cc) * m] * l11[diag + cc + c * s];
          cz[r + (base + c) * m] = value / l11[diag + c + c * s];
        }
      }
    }
    for (let c = 0; c < q; c++) {
      for (let r = 0; r < m; r++) {
        let sum = 0;
        for (let j = 0; j <= r; j++) sum += inverse22[r + j * m] * cz[j + c * m];
        wz[r + c * m] = -sum;
      }
    }
    // C below Z: W_Z·(λᵀA_ℓ) level by level, plus L_22⁻¹·(A's [X y]ᵀZ)Λ.
    for (let lv = 0; lv < levels; lv++) {
      const base = lv * s;
      const diag = lv * s * s;
      for (let a = 0; a < s; a++) {
        const column = base + a;
        for (let r = 0; r < m; r++) {
          let sum = 0;
          for (let i = 0; i < s; i++) {
            let leftEntry = 0;
            for (let ii = i; ii < s; ii++) leftEntry += lambda[ii + i * s] * a11[diag + ii + a * s];
            sum += wz[r + (base + i) * m] * leftEntry;
          }
          for (let j = 0; j <= r; j++) sum += inverse22[r + j * m] * a21[j + column * m];
          cz[r + column * m] = sum;
        }
      }
    }
    const nu = reml ? n - p : n;
    out.fill(0);
    for (let lv = 0; lv < levels; lv++) {
      const diag = lv * s * s;
      const base = lv * s;
      // level = Ω_ℓ⁻¹·(λᵀA_ℓ), by two triangular solves with L_ℓ.
      for (let c = 0; c < s; c++) {
        for (let r = 0; r < s; r++) {
          let leftEntry = 0;
          for (let rr = r; rr < s; rr++) leftEntry += lambda[rr + r * s] * a11[diag + rr + c * s];
          level[r + c * s] = leftEntry;
        }
        for (let r = 0; r < s; r++) {
          let value = level[r + c * s];
          for (let j = 0; j < r; j++) value -= l11[diag + r + j * s] * level[j + c * s];
          level[r + c * s] = value / l11[diag + r + r * s];
        }
        for (let r = s - 1; r >= 0; r--) {
          let value = level[r + c * s];
          for (let j = r + 1; j < s; j++) value -= l11[diag + j + r * s] * level[j + c * s];
          level[r + c * s] = value / l11[diag + r + r * s];
        }
      }
      for (let t = 0; t < layout.length; t++) {
        const a = layout.rows[t];
        const b = layout.cols[t];
        const random = level[b + a * s];
        let fixed = 0;
        for (let j = 0; j < p; j++) fixed += wz[j + (base + b) * m] * cz[j + (base + a) * m];
        const response = wz[p + (base + b) * m] * cz[p + (base + a) * m];
        out[t] += reml ? 2 * (random + fixed) + 2 * nu * response : 2 * random + 2 * nu * response;
      }
    }
    return true;
  }
}

/** out = L⁻¹ for a lower-triangular n×n L (column-major, leading dimension n). */
function invertLower(n: number, l: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let c = 0; c < n; c++) {
    out[c + c * n] = 1 / l[c + c * n];
    for (let r = c + 1; r < n; r++) {
      let sum = 0;
      for (let j = c; j < r; j++) sum += l[r + j * n] * out[j + c * n];
      out[r + c * n] = -sum / l[r + r * n];
    }
  }
}
