import { blockIndex, solveWithFactor, subtractBlockProduct } from "@mixedmodels/linalg";
import type { BlockedSystem } from "./blocked-system";

/**
 * The gradient of the profiled objective for any blocked structure, from the factor the
 * evaluation left behind and solves with it, never a dense N×N matrix. The terms are those of
 * {@link DenseProfiledGradient} (same notation, M = L⁻¹, C = M·Λ̃ᵀA):
 * - Σ_{j ∈ Z} M[j, ℓb]·C[j, ℓa] = e_ℓbᵀ Ω_ZZ⁻¹ (ΛᵀA_ZZ) e_ℓa: one solve with L_ZZ and L_ZZᵀ per
 *   column ℓa of ΛᵀA_ZZ, q in all;
 * - for a row j of X or y, M's row w_j solves Lᵀw_j = e_j, and C's row is (A·Λ̃w_j)ᵀ: one solve
 *   with Lᵀ and one product with A each (only y's row for ML).
 * So a gradient costs about q + p + 1 solves with L, each with the blocks' dispatch: slower than
 * the dense gradient for small models (pastes nested: 2.0 against 1.5 ms per fit), and far too
 * slow for InstEval (q = 4100), where a selected inverse of L would be needed; it is what a
 * gradient method gets for models too large for the dense N² arrays.
 */
export class BlockedGradient {
  private readonly order: number;
  private readonly column: Float64Array;
  private readonly row: Float64Array;
  private readonly scaled: Float64Array;
  private readonly product: Float64Array;
  private readonly negated: Float64Array;
  /** Per θ entry, the sums over levels of the three kinds of terms. */
  private readonly random: Float64Array;
  private readonly fixed: Float64Array;
  private readonly response: Float64Array;

  constructor(private readonly system: BlockedSystem) {
    this.order = system.q + system.p + 1;
    this.column = new Float64Array(this.order);
    this.row = new Float64Array(this.order);
    this.scaled = new Float64Array(this.order);
    this.product = new Float64Array(this.order);
    this.negated = new Float64Array(this.order);
    const d = system.layout.length;
    this.random = new Float64Array(d);
    this.fixed = new Float64Array(d);
    this.response = new Float64Array(d);
  }

  /** ∂objective/∂θ at the current factor into `out`; false when the factor is not complete. */
  gradient(reml: boolean, out: Float64Array): boolean {
    const { system, column, row, scaled, product, random, fixed, response } = this;
    if (system.cholesky.failedBlock >= 0) return false;
    const { q, p, n, k, reterms, offsets, layout } = system;
    random.fill(0);
    fixed.fill(0);
    response.fill(0);
    for (let t = 0; t < k; t++) {
      const s = reterms[t].s;
      const levels = reterms[t].levels.length;
      for (let level = 0; level < levels; level++) {
        const base = offsets[t] + level * s;
        for (let a = 0; a < s; a++) {
          // column = Ω_ZZ⁻¹·Λᵀ·A_ZZ·e_(base + a).
          scaled.fill(0);
          scaled[base + a] = 1;
          this.multiplyA(scaled, product);
          column.fill(0);
          column.set(product.subarray(0, q));
          this.applyLambda(column, true);
          system.forwardSolve(column, 0, k);
          this.backwardSolve(column, k - 1);
          for (let m = 0; m < layout.length; m++) {
            if (layout.terms[m] === t && layout.rows[m] === a)
              random[m] += column[base + layout.cols[m]];
          }
        }
      }
    }
    for (let j = reml ? 0 : p; j <= p; j++) {
      // row = M's row q + j (Lᵀ·row = e), then product = A·Λ̃·row, C's row.
      row.fill(0);
      row[q + j] = 1;
      this.backwardSolve(row, k);
      scaled.set(row);
      this.applyLambda(scaled, false);
      this.multiplyA(scaled, product);
      const sums = j === p ? response : fixed;
      for (let m = 0; m < layout.length; m++) {
        const t = layout.terms[m];
        const s = reterms[t].s;
        const levels = reterms[t].levels.length;
        let sum = 0;
        for (let level = 0; level < levels; level++) {
          const base = offsets[t] + level * s;
          sum += row[base + layout.cols[m]] * product[base + layout.rows[m]];
        }
        sums[m] += sum;
      }
    }
    const nu = reml ? n - p : n;
    for (let m = 0; m < layout.length; m++) {
      out[m] = reml
        ? 2 * (random[m] + fixed[m]) + 2 * nu * response[m]
        : 2 * random[m] + 2 * nu * response[m];
    }
    return true;
  }

  /** x's Z part ← Λᵀx (`transpose`) or Λx, level by level; the rest untouched. */
  private applyLambda(x: Float64Array, transpose: boolean): void {
    const { reterms, offsets, lambdas } = this.system;
    for (let t = 0; t < reterms.length; t++) {
      const s = reterms[t].s;
      if (s === 1) {
        const scale = lambdas[t][0];
        for (let i = offsets[t]; i < offsets[t + 1]; i++) x[i] *= scale;
        continue;
      }
      const lambda = lambdas[t];
      for (let base = offsets[t]; base < offsets[t + 1]; base += s) {
        if (transpose) {
          for (let r = 0; r < s; r++) {
            let sum = 0;
            for (let c = r; c < s; c++) sum += lambda[c + r * s] * x[base + c];
            x[base + r] = sum;
          }
        } else {
          for (let r = s - 1; r >= 0; r--) {
            let sum = 0;
            for (let c = 0; c <= r; c++) sum += lambda[r + c * s] * x[base + c];
            x[base + r] = sum;
          }
        }
      }
    }
  }

  /**
   * out = A·x for the symmetric A, whose lower blocks are stored: the diagonal blocks of Z are
   * diagonal or block diagonal and [X y]ᵀ[X y] is stored whole.
   */
  private multiplyA(x: Float64Array, out: Float64Array): void {
    const { system, negated } = this;
    const { k, offsets, q } = system;
    const start = (i: number) => (i < k ? offsets[i] : q);
    for (let i = 0; i < x.length; i++) negated[i] = -x[i];
    out.fill(0);
    for (let j = 0; j <= k; j++) {
      for (let i = j; i <= k; i++) {
        const block = system.crossProduct[blockIndex(i, j)];
        subtractBlockProduct(block, false, negated, start(j), out, start(i));
        if (i !== j) subtractBlockProduct(block, true, negated, start(i), out, start(j));
      }
    }
  }

  /** x ← Lᵀ⁻¹x over block rows `last` … 0 (x zero below block row `last`). */
  private backwardSolve(x: Float64Array, last: number): void {
    const { system } = this;
    const { k, offsets, q } = system;
    const start = (i: number) => (i < k ? offsets[i] : q);
    for (let j = last; j >= 0; j--) {
      solveWithFactor(system.factorBlock(j, j), true, x, start(j));
      for (let i = 0; i < j; i++) {
        subtractBlockProduct(system.factorBlock(j, i), true, x, start(j), x, start(i));
      }
    }
  }
}
