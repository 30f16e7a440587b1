import type { ModelParts } from "@mixedmodels/modelmatrix";
import { choleskyFactor, inverseFromCholesky, multiply } from "./dense";
import { schurBlocks } from "./schur-blocks";

/**
 * C = ΛᵀZᵀZΛ + I (q×q, the random-effects block of the model's L Lᵀ) held by the Schur
 * complement of its largest term, never as a dense q×q inverse. One grouping factor's block C₁₁
 * is block diagonal (each row belongs to one level), so with J = C₂₁C₁₁⁻¹ (sparse, the pattern
 * of Z₂ᵀZ₁) and G = (C₂₂ − J C₁₂)⁻¹ (q₂×q₂ dense, the other terms; `schurBlocks`),
 *
 *   C⁻¹ = [ C₁₁⁻¹ + JᵀGJ   −JᵀG ]
 *         [ −GJ              G  ],
 *
 * and every trace the derivatives need is a sum over these pieces: O(q₂³ + Σ_l nnz_l² + q₂·q)
 * instead of O(q³). For InstEval's seed model q₁ = 2,972, q₂ = 1,128 (q = 4,100).
 *
 * Coordinates: the big term first (level by level, s₁ each), then the other terms in model order
 * (`offsets` gives each term's first coordinate). Matrices are column-major.
 */
export class StructuredInverse {
  readonly q: number;
  readonly q1: number;
  readonly q2: number;
  /** Index (into reterms) of the block-diagonal term. */
  readonly big: number;
  /** First coordinate of each term in this ordering. */
  readonly offsets: Int32Array;
  /** Σ over levels of the s×s diagonal blocks of C⁻¹, per term. */
  readonly diagonalSums: Float64Array[];
  private readonly s1: number;
  private readonly levels1: number;
  private readonly c11Inverse: Float64Array;
  private readonly jStart: Int32Array;
  private readonly jRows: Int32Array;
  private readonly jValues: Float64Array;
  private readonly byRowStart: Int32Array;
  private readonly byRow: Int32Array;
  private readonly entryLevel: Int32Array;
  /** G = S⁻¹ (q₂×q₂). */
  private readonly g: Float64Array;
  /** G·H_αγ (q₂×q₂) at α + γ·s₁, H_αγ = J_αJ_γᵀ; computed when first needed. */
  private gh: Float64Array[] | null = null;
  /** The diagonal blocks of C⁻¹ for the big term, s₁×s₁ per level. */
  private readonly bigDiagonal: Float64Array;

  /** @param u per term, the rows of U = ZΛ (times √w): u[k][t·s + a] = (λₖᵀ zₖₜ)_a. */
  constructor(parts: ModelParts, u: readonly Float64Array[]) {
    const blocks = schurBlocks(parts, u);
    const { q1, q2, s1, levels1, big, offsets, jStart, jRows, jValues } = blocks;
    const { byRowStart, byRow, entryLevel, c11Inverse } = blocks;
    this.q = blocks.q;
    this.q1 = q1;
    this.q2 = q2;
    this.big = big;
    this.offsets = offsets;
    this.s1 = s1;
    this.levels1 = levels1;
    this.c11Inverse = c11Inverse;
    this.jStart = jStart;
    this.jRows = jRows;
    this.jValues = jValues;
    this.byRowStart = byRowStart;
    this.byRow = byRow;
    this.entryLevel = entryLevel;
    const g =
      q2 === 0
        ? new Float64Array(0)
        : inverseFromCholesky(q2, choleskyFactor(q2, blocks.schur, "the Schur complement of C"));
    this.g = g;

    // Diagonal blocks of C⁻¹: C₁₁⁻¹ + J_lᵀGJ_l for the big term (G read column by column),
    // G's blocks for the others.
    const ss = s1 * s1;
    const bigDiagonal = Float64Array.from(c11Inverse);
    for (let d = 0; d < q2; d++) {
      const column = d * q2;
      for (let k = byRowStart[d]; k < byRowStart[d + 1]; k++) {
        const f = byRow[k];
        const l = entryLevel[f];
        for (let e = jStart[l]; e < jStart[l + 1]; e++) {
          const x = g[jRows[e] + column];
          for (let b = 0; b < s1; b++) {
            const xb = x * jValues[f * s1 + b];
            for (let a = 0; a < s1; a++)
              bigDiagonal[l * ss + a + b * s1] += jValues[e * s1 + a] * xb;
          }
        }
      }
    }
    this.bigDiagonal = bigDiagonal;
    this.diagonalSums = parts.reterms.map((term, k) => {
      const s = term.s;
      const sum = new Float64Array(s * s);
      const start = offsets[k] - q1;
      for (let l = 0; l < term.levels.length; l++)
        for (let b = 0; b < s; b++)
          for (let a = 0; a < s; a++)
            sum[a + b * s] +=
              k === big
                ? bigDiagonal[l * ss + a + b * s1]
                : g[start + l * s + a + (start + l * s + b) * q2];
      return sum;
    });
  }

  /** C⁻¹V for a q×cols V in this ordering. */
  solve(v: Float64Array, cols: number): Float64Array {
    const { q, q1, q2, s1, levels1, jStart, jRows, jValues } = this;
    const ss = s1 * s1;
    const out = new Float64Array(q * cols);
    const rest = new Float64Array(q2 * cols);
    for (let c = 0; c < cols; c++) {
      for (let d = 0; d < q2; d++) rest[d + c * q2] = v[q1 + d + c * q];
      for (let l = 0; l < levels1; l++) {
        for (let e = jStart[l]; e < jStart[l + 1]; e++) {
          let sum = 0;
          for (let a = 0; a < s1; a++) sum += jValues[e * s1 + a] * v[l * s1 + a + c * q];
          rest[jRows[e] + c * q2] -= sum;
        }
      }
    }
    const x2 = q2 === 0 ? rest : multiply(false, false, q2, cols, q2, this.g, rest);
    for (let c = 0; c < cols; c++) {
      for (let d = 0; d < q2; d++) out[q1 + d + c * q] = x2[d + c * q2];
      for (let l = 0; l < levels1; l++) {
        const base = l * s1 + c * q;
        for (let a = 0; a < s1; a++) {
          let sum = 0;
          for (let b = 0; b < s1; b++)
            sum += this.c11Inverse[l * ss + a + b * s1] * v[l * s1 + b + c * q];
          for (let e = jStart[l]; e < jStart[l + 1]; e++)
            sum -= jValues[e * s1 + a] * x2[jRows[e] + c * q2];
          out[base + a] = sum;
        }
      }
    }
    return out;
  }

  /**
   * T_ab[α, β, γ, δ] = Σ over levels l of term a and l′ of term b of
   * C⁻¹[(l, α), (l′, β)] · C⁻¹[(l, γ), (l′, δ)], at index ((α·s_b + β)·s_a + γ)·s_b + δ: with it
   * tr(C⁻¹ (I ⊗ p) C⁻¹ (I ⊗ p′)) for block-diagonal selectors on terms a and b is a contraction
   * of s_a²s_b² numbers (`pairTrace`).
   */
  pairTensor(a: number, b: number, sa: number, sb: number, la: number, lb: number): Float64Array {
    const out = new Float64Array(sa * sa * sb * sb);
    const index = (al: number, be: number, ga: number, de: number) =>
      ((al * sb + be) * sa + ga) * sb + de;
    if (a !== this.big && b !== this.big) {
      const q2 = this.q2;
      const oa = this.offsets[a] - this.q1;
      const ob = this.offsets[b] - this.q1;
      for (let l = 0; l < la; l++)
        for (let m = 0; m < lb; m++)
          for (let al = 0; al < sa; al++)
            for (let ga = 0; ga < sa; ga++)
              for (let be = 0; be < sb; be++) {
                const x = this.g[oa + l * sa + al + (ob + m * sb + be) * q2];
                for (let de = 0; de < sb; de++)
                  out[index(al, be, ga, de)] +=
                    x * this.g[oa + l * sa + ga + (ob + m * sb + de) * q2];
              }
      return out;
    }
    if (a === this.big && b !== this.big) return this.bigOtherTensor(b, sb, lb);
    if (b === this.big && a !== this.big) {
      // T_ab[α, β, γ, δ] = T_ba[β, α, δ, γ] by the symmetry of C⁻¹.
      const swapped = this.bigOtherTensor(a, sa, la);
      for (let al = 0; al < sa; al++)
        for (let be = 0; be < sb; be++)
          for (let ga = 0; ga < sa; ga++)
            for (let de = 0; de < sb; de++)
              out[index(al, be, ga, de)] = swapped[((be * sa + al) * sb + de) * sa + ga];
      return out;
    }
    return this.bigBigTensor();
  }

  /**
   * T for the big term against another: C⁻¹₁ᵦ = −JᵀG, so T[α, β, γ, δ] = Σ_m (G H_αγ G) at
   * ((m, β), (m, δ)) over the levels m of term b: only those entries of (GH_αγ)·G are formed.
   */
  private bigOtherTensor(b: number, sb: number, lb: number): Float64Array {
    const { s1, q2, g } = this;
    const ob = this.offsets[b] - this.q1;
    const out = new Float64Array(s1 * s1 * sb * sb);
    const products = this.products();
    for (let al = 0; al < s1; al++)
      for (let ga = 0; ga < s1; ga++) {
        const x = products[al + ga * s1];
        for (let m = 0; m < lb; m++)
          for (let de = 0; de < sb; de++) {
            const column = (ob + m * sb + de) * q2;
            for (let be = 0; be < sb; be++) {
              const row = ob + m * sb + be;
              let sum = 0;
              for (let y = 0; y < q2; y++) sum += x[row + y * q2] * g[y + column];
              out[((al * sb + be) * s1 + ga) * sb + de] += sum;
            }
          }
      }
    return out;
  }

  /** G·H_αγ for every α, γ of the big term (s₁² products of q₂×q₂ matrices). */
  private products(): Float64Array[] {
    if (this.gh !== null) return this.gh;
    const { s1, q2, jStart, jRows, jValues, byRowStart, byRow, entryLevel } = this;
    const out: Float64Array[] = [];
    for (let al = 0; al < s1; al++)
      for (let ga = 0; ga < s1; ga++) {
        const h = new Float64Array(q2 * q2);
        for (let d = 0; d < q2; d++) {
          const column = d * q2;
          for (let k = byRowStart[d]; k < byRowStart[d + 1]; k++) {
            const f = byRow[k];
            const l = entryLevel[f];
            const w = jValues[f * s1 + ga];
            for (let e = jStart[l]; e < jStart[l + 1]; e++)
              h[jRows[e] + column] += jValues[e * s1 + al] * w;
          }
        }
        out[al + ga * s1] = multiply(false, false, q2, q2, q2, this.g, h);
      }
    this.gh = out;
    return out;
  }

  /**
   * T for the big term with itself: C⁻¹₁₁ = C₁₁⁻¹ + N, N = JᵀGJ. The level-diagonal parts are
   * sums over levels; ⟨N_αβ, N_γδ⟩ = tr(G H_αγ G H_δβ) with H_αγ = J_αJ_γᵀ (q₂×q₂, accumulated
   * from J's sparsity), so the cost is s₁² products of q₂×q₂ matrices, not q₁².
   */
  private bigBigTensor(): Float64Array {
    const { s1, q2, levels1, c11Inverse, bigDiagonal } = this;
    const ss = s1 * s1;
    const out = new Float64Array(ss * ss);
    const index = (al: number, be: number, ga: number, de: number) =>
      ((al * s1 + be) * s1 + ga) * s1 + de;
    for (let l = 0; l < levels1; l++)
      for (let al = 0; al < s1; al++)
        for (let be = 0; be < s1; be++) {
          const c = c11Inverse[l * ss + al + be * s1];
          const nab = bigDiagonal[l * ss + al + be * s1] - c;
          for (let ga = 0; ga < s1; ga++)
            for (let de = 0; de < s1; de++) {
              const cgd = c11Inverse[l * ss + ga + de * s1];
              const ngd = bigDiagonal[l * ss + ga + de * s1] - cgd;
              out[index(al, be, ga, de)] += c * cgd + c * ngd + nab * cgd;
            }
        }
    if (q2 === 0) return out;
    const products = this.products();
    for (let al = 0; al < s1; al++)
      for (let be = 0; be < s1; be++)
        for (let ga = 0; ga < s1; ga++)
          for (let de = 0; de < s1; de++) {
            const x = products[al + ga * s1];
            const y = products[de + be * s1];
            let sum = 0;
            for (let j = 0; j < q2; j++)
              for (let i = 0; i < q2; i++) sum += x[i + j * q2] * y[j + i * q2];
            out[index(al, be, ga, de)] += sum;
          }
    return out;
  }
}

/** tr(C⁻¹(I ⊗ p)C⁻¹(I ⊗ p′)) from T_ab, p on term a (s_a×s_a), p′ on term b (s_b×s_b). */
export function pairTrace(
  tensor: Float64Array,
  sa: number,
  sb: number,
  p: Float64Array,
  pPrime: Float64Array,
): number {
  let sum = 0;
  for (let al = 0; al < sa; al++)
    for (let be = 0; be < sb; be++)
      for (let ga = 0; ga < sa; ga++)
        for (let de = 0; de < sb; de++)
          sum +=
            tensor[((al * sb + be) * sa + ga) * sb + de] * pPrime[be + de * sb] * p[ga + al * sa];
  return sum;
}
