import type { ModelParts } from "@mixedmodels/modelmatrix";
import { inverseSpd } from "./dense";

/**
 * The pieces of C = ΛᵀZᵀZΛ + I that `StructuredInverse` works from, assembled in one pass over
 * the rows: the block-diagonal C₁₁ of the largest term (its inverse per level), the sparse
 * J = C₂₁C₁₁⁻¹ (one column block per level of that term, nonzero at the other terms' levels
 * that share a row with it), and the Schur complement S = C₂₂ − JC₁₂ (q₂×q₂ dense).
 *
 * Coordinates: the big term first (level by level, s₁ each), then the other terms in model order.
 */
export interface SchurBlocks {
  readonly q: number;
  readonly q1: number;
  readonly q2: number;
  /** Index (into reterms) of the block-diagonal term, and its s and number of levels. */
  readonly big: number;
  readonly s1: number;
  readonly levels1: number;
  /** First coordinate of each term in this ordering. */
  readonly offsets: Int32Array;
  /** C₁₁⁻¹ per level, s₁×s₁ each. */
  readonly c11Inverse: Float64Array;
  /** J's nonzero rows (coordinates among the other terms) per level: jStart[l] .. jStart[l+1]. */
  readonly jStart: Int32Array;
  readonly jRows: Int32Array;
  /** J[d, (l, α)] at jValues[e·s₁ + α] for the e-th nonzero. */
  readonly jValues: Float64Array;
  /**
   * J's nonzeros column by column of the q₂×q₂ matrices (entries e with jRows[e] = d at
   * byRow[byRowStart[d] .. byRowStart[d+1])), and each nonzero's level: sums over the pairs of
   * one level's nonzeros then write one q₂-column at a time, which stays in cache.
   */
  readonly byRowStart: Int32Array;
  readonly byRow: Int32Array;
  readonly entryLevel: Int32Array;
  /** S = C₂₂ − JC₁₂. */
  readonly schur: Float64Array;
}

/** @param u per term, the rows of U = ZΛ (times √w): u[k][t·s + a] = (λₖᵀ zₖₜ)_a. */
export function schurBlocks(parts: ModelParts, u: readonly Float64Array[]): SchurBlocks {
  const { n, reterms } = parts;
  const sizes = reterms.map((term) => term.levels.length * term.s);
  let big = 0;
  for (let k = 1; k < sizes.length; k++) if (sizes[k] > sizes[big]) big = k;
  const offsets = new Int32Array(reterms.length);
  let next = sizes[big];
  reterms.forEach((_, k) => {
    if (k === big) return;
    offsets[k] = next;
    next += sizes[k];
  });
  const q = next;
  const q1 = sizes[big];
  const q2 = q - q1;
  const s1 = reterms[big].s;
  const ss = s1 * s1;
  const levels1 = reterms[big].levels.length;
  const refs1 = reterms[big].refs;
  const u1 = u[big];

  // Each row's coordinates among the other terms (width₂ per row) and their U entries.
  const others = reterms.map((_, k) => k).filter((k) => k !== big);
  const width2 = others.reduce((sum, k) => sum + reterms[k].s, 0);
  const coords = new Int32Array(n * width2);
  const values = new Float64Array(n * width2);
  for (let t = 0; t < n; t++) {
    let e = t * width2;
    for (const k of others) {
      const s = reterms[k].s;
      const base = offsets[k] - q1 + reterms[k].refs[t] * s;
      for (let a = 0; a < s; a++, e++) {
        coords[e] = base + a;
        values[e] = u[k][t * s + a];
      }
    }
  }

  const c11Inverse = levelInverses(n, levels1, s1, refs1, u1);

  // C₂₁ one level's column block at a time (rows grouped by level), then J = C₂₁C₁₁⁻¹.
  const rowStart = new Int32Array(levels1 + 1);
  for (let t = 0; t < n; t++) rowStart[refs1[t] + 1]++;
  for (let l = 0; l < levels1; l++) rowStart[l + 1] += rowStart[l];
  const rowsByLevel = new Int32Array(n);
  const fill = rowStart.slice(0, levels1);
  for (let t = 0; t < n; t++) rowsByLevel[fill[refs1[t]]++] = t;
  const accumulator = new Float64Array(q2 * s1);
  const seen = new Int32Array(q2).fill(-1);
  const touched: number[] = [];
  const jStart = new Int32Array(levels1 + 1);
  const jRowsList: number[] = [];
  const c21List: number[] = [];
  for (let l = 0; l < levels1; l++) {
    touched.length = 0;
    for (let r = rowStart[l]; r < rowStart[l + 1]; r++) {
      const t = rowsByLevel[r];
      for (let e = t * width2; e < (t + 1) * width2; e++) {
        const d = coords[e];
        if (seen[d] !== l) {
          seen[d] = l;
          touched.push(d);
        }
        const v = values[e];
        for (let a = 0; a < s1; a++) accumulator[d * s1 + a] += v * u1[t * s1 + a];
      }
    }
    touched.sort((x, y) => x - y);
    for (const d of touched) {
      jRowsList.push(d);
      for (let a = 0; a < s1; a++) {
        c21List.push(accumulator[d * s1 + a]);
        accumulator[d * s1 + a] = 0;
      }
    }
    jStart[l + 1] = jRowsList.length;
  }
  const nnz = jRowsList.length;
  const jRows = Int32Array.from(jRowsList);
  const c21 = Float64Array.from(c21List);
  const jValues = new Float64Array(nnz * s1);
  const entryLevel = new Int32Array(nnz);
  for (let l = 0; l < levels1; l++) {
    for (let e = jStart[l]; e < jStart[l + 1]; e++) {
      entryLevel[e] = l;
      for (let a = 0; a < s1; a++) {
        let sum = 0;
        for (let b = 0; b < s1; b++) sum += c21[e * s1 + b] * c11Inverse[l * ss + b + a * s1];
        jValues[e * s1 + a] = sum;
      }
    }
  }
  const byRowStart = new Int32Array(q2 + 1);
  for (let e = 0; e < nnz; e++) byRowStart[jRows[e] + 1]++;
  for (let d = 0; d < q2; d++) byRowStart[d + 1] += byRowStart[d];
  const byRow = new Int32Array(nnz);
  const cursor = byRowStart.slice(0, q2);
  for (let e = 0; e < nnz; e++) byRow[cursor[jRows[e]]++] = e;

  // S = C₂₂ − J C₁₂ = C₂₂ − Σ_l J_l C₂₁,lᵀ.
  const schur = new Float64Array(q2 * q2);
  for (let t = 0; t < n; t++) {
    const start = t * width2;
    for (let b = 0; b < width2; b++) {
      const column = coords[start + b] * q2;
      const vb = values[start + b];
      for (let a = 0; a < width2; a++) schur[coords[start + a] + column] += values[start + a] * vb;
    }
  }
  for (let d = 0; d < q2; d++) schur[d + d * q2] += 1;
  for (let d = 0; d < q2; d++) {
    const column = d * q2;
    for (let k = byRowStart[d]; k < byRowStart[d + 1]; k++) {
      const f = byRow[k];
      const l = entryLevel[f];
      for (let e = jStart[l]; e < jStart[l + 1]; e++) {
        let sum = 0;
        for (let a = 0; a < s1; a++) sum += jValues[e * s1 + a] * c21[f * s1 + a];
        schur[jRows[e] + column] -= sum;
      }
    }
  }
  return {
    q,
    q1,
    q2,
    big,
    s1,
    levels1,
    offsets,
    c11Inverse,
    jStart,
    jRows,
    jValues,
    byRowStart,
    byRow,
    entryLevel,
    schur,
  };
}

/** (C₁₁)_l⁻¹ = (Σ_t u_t u_tᵀ + I)⁻¹ over each level's rows, s×s per level. */
function levelInverses(
  n: number,
  levels: number,
  s: number,
  refs: Int32Array,
  u: Float64Array,
): Float64Array {
  const ss = s * s;
  const c11 = new Float64Array(levels * ss);
  for (let t = 0; t < n; t++) {
    const base = refs[t] * ss;
    for (let b = 0; b < s; b++) {
      const ub = u[t * s + b];
      for (let a = 0; a < s; a++) c11[base + a + b * s] += u[t * s + a] * ub;
    }
  }
  const inverse = new Float64Array(levels * ss);
  const block = new Float64Array(ss);
  for (let l = 0; l < levels; l++) {
    for (let e = 0; e < ss; e++) block[e] = c11[l * ss + e];
    for (let a = 0; a < s; a++) block[a + a * s] += 1;
    if (s === 1) inverse[l] = 1 / block[0];
    else inverse.set(inverseSpd(s, block, "a level's block of ΛᵀZᵀZΛ + I"), l * ss);
  }
  return inverse;
}
