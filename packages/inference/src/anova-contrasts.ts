import { ModelError } from "@mixedmodels/core";
import { buildModelParts, type Contrast, type ModelParts } from "@mixedmodels/modelmatrix";
import { completeDesign } from "./complete-design";
import { inverseSpd, multiply } from "./dense";
import { type TermContrast, termColumns, typeThreeFromCompleteDesign } from "./type-three";

export type { TermContrast } from "./type-three";

/** The type III hypotheses, and the complete design's columns without rows (empty cells). */
export interface TypeThreeHypotheses {
  readonly contrasts: TermContrast[];
  readonly emptyCells: readonly string[];
}

/** lmerTest zeroes entries of the Doolittle factors below this (its `doolittle`, eps). */
const doolittleZero = 1e-6;

/** Labels of the formula's fixed terms, in X's `assign` numbering (term i + 1). */
function termLabels(parts: ModelParts): string[] {
  return parts.formula.fixed.map((term) => term.label);
}

/** XᵀX of the kept columns. */
function crossProduct(parts: ModelParts): Float64Array {
  const { n, p, data } = parts.X;
  return multiply(true, false, p, p, n, data, data);
}

/**
 * Type I (sequential) hypotheses, lmerTest's `get_contrasts_type1`: the rows of the unit upper
 * Doolittle factor of XᵀX for each term's columns, so each term is tested after the terms
 * before it.
 */
export function typeOneContrasts(parts: ModelParts): TermContrast[] {
  const p = parts.X.p;
  const xtx = crossProduct(parts);
  // Doolittle LU of the symmetric XᵀX: U[i, j] = A[i, j] − Σ_k L[i, k]U[k, j], L[j, i] = U[i, j]/U[i, i].
  const L = new Float64Array(p * p);
  const U = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    L[i + i * p] = 1;
    for (let j = 0; j < p; j++) {
      let u = xtx[i + j * p];
      for (let k = 0; k < i; k++) u -= L[i + k * p] * U[k + j * p];
      U[i + j * p] = u;
    }
    for (let j = i + 1; j < p; j++) {
      let l = xtx[j + i * p];
      for (let k = 0; k < i; k++) l -= L[j + k * p] * U[k + i * p];
      L[j + i * p] = Math.abs(U[i + i * p]) < doolittleZero ? 0 : l / U[i + i * p];
    }
  }
  for (let e = 0; e < p * p; e++) if (Math.abs(L[e]) < doolittleZero) L[e] = 0;
  const labels = termLabels(parts);
  return termColumns(parts).map((columns, t) => ({
    term: labels[t],
    // row i of Lᵀ is column i of L
    rows: columns.map((i) => Array.from({ length: p }, (_, j) => L[j + i * p])),
  }));
}

/**
 * Type III hypotheses, as lmerTest's `get_contrasts_type3`: for a design whose fixed terms are
 * plain columns coded by treatment contrasts, lmerTest's own construction from the complete
 * design (`typeThreeFromCompleteDesign`), which also defines them when a factor combination has
 * no rows. Otherwise (transforms, other codings) each term's effect under sum-to-zero coding: X
 * rebuilt with `sum` contrasts on the same rows, X_sum = X·T with T = (XᵀX)⁻¹XᵀX_sum, and the
 * term's hypothesis the rows of T⁻¹ for its sum-coded columns, which is the same hypothesis for a
 * full-rank X. With one term, or X of one column, lmerTest falls back to type I.
 * @throws ModelError when X is rank deficient and the terms are not plain treatment-coded
 *   columns (the hypotheses would depend on which column was dropped), naming the terms
 */
export function typeThreeContrasts(parts: ModelParts): TypeThreeHypotheses {
  const X = parts.X;
  if (X.p <= 1 || parts.formula.fixed.length <= 1)
    return { contrasts: typeOneContrasts(parts), emptyCells: [] };
  const design = completeDesign(parts);
  if (design !== null) {
    const contrasts = typeThreeFromCompleteDesign(parts, design);
    if (contrasts !== null) return { contrasts, emptyCells: design.empty };
  }
  if (X.aliased.length > 0) {
    const assign = X.assign;
    const labels = termLabels(parts);
    const terms = [
      ...new Set(
        X.aliased.map((name) => {
          const term = assign?.[X.allNames.indexOf(name)] ?? 0;
          return term > 0 ? labels[term - 1] : "(Intercept)";
        }),
      ),
    ];
    throw new ModelError(
      `type III tests of a rank-deficient X (${X.aliased.join(", ")} dropped, in ${terms.join(", ")}) are computed only for terms of plain columns in treatment coding, as lmerTest's; use type 1, or recode ${terms.join(", ")}`,
    );
  }
  return { contrasts: sumCodedContrasts(parts), emptyCells: [] };
}

/** Type III by sum-to-zero coding (full-rank X; see `typeThreeContrasts`). */
function sumCodedContrasts(parts: ModelParts): TermContrast[] {
  const X = parts.X;
  const contrasts: Record<string, Contrast> = Object.create(null);
  for (const term of parts.formula.fixed) {
    for (const factor of term.factors) {
      if (factor.fulldummy) continue;
      const variable = factor.variables[0];
      const column = Object.hasOwn(parts.table.columns, variable)
        ? parts.table.columns[variable]
        : undefined;
      if (factor.label.startsWith("factor(")) contrasts[factor.label] = "sum";
      else if (column?.kind === "categorical" && factor.label === variable)
        contrasts[variable] = "sum";
    }
  }
  const sumParts = buildModelParts(parts.formula, parts.table, {
    contrasts: { ...(parts.contrasts ?? {}), ...contrasts },
  });
  const Xs = sumParts.X;
  const p = X.p;
  if (Xs.p !== p || Xs.n !== X.n) return typeOneContrasts(parts);
  // T = (XᵀX)⁻¹ Xᵀ X_sum, then T⁻¹ by solving T·M = I.
  const xtxInverse = inverseSpd(p, crossProduct(parts), "XᵀX");
  const xtxs = multiply(true, false, p, p, X.n, X.data, Xs.data);
  const T = multiply(false, false, p, p, p, xtxInverse, xtxs);
  const Tinverse = invertGeneral(p, T);
  const labels = termLabels(parts);
  return termColumns(sumParts).map((columns, t) => ({
    term: labels[t],
    rows: columns
      .map((i) => Array.from({ length: p }, (_, j) => Tinverse[i + j * p]))
      .filter((row) => row.reduce((s, v) => s + Math.abs(v), 0) > 1e-8),
  }));
}

/** Inverse of a general square matrix by Gauss–Jordan with partial pivoting. */
function invertGeneral(n: number, a: Float64Array): Float64Array {
  const m = Float64Array.from(a);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inverse[i + i * n] = 1;
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs(m[r + c * n]) > Math.abs(m[pivot + c * n])) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) {
        [m[c + k * n], m[pivot + k * n]] = [m[pivot + k * n], m[c + k * n]];
        [inverse[c + k * n], inverse[pivot + k * n]] = [inverse[pivot + k * n], inverse[c + k * n]];
      }
    }
    const d = m[c + c * n];
    for (let k = 0; k < n; k++) {
      m[c + k * n] /= d;
      inverse[c + k * n] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r + c * n];
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        m[r + k * n] -= f * m[c + k * n];
        inverse[r + k * n] -= f * inverse[c + k * n];
      }
    }
  }
  return inverse;
}
