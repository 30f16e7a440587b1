import type { ModelParts } from "@mixedmodels/modelmatrix";
import { type CompleteDesign, crossWithDesign } from "./complete-design";
import { inverseSpd, multiply, symmetricPseudoInverse } from "./dense";

/** The hypothesis matrix of one fixed-effects term: rows of L over the kept columns of X. */
export interface TermContrast {
  readonly term: string;
  readonly rows: number[][];
}

/**
 * Type III hypotheses as lmerTest 3.1 computes them for treatment coding
 * (`extract_contrasts_type3`): with the complete design R (`completeDesign`), the basic
 * contrasts L = (X⁺R)ᵀ (a row per complete-design column, a column per kept column of X); then,
 * higher-order terms first, each term's columns of L are made orthogonal to the columns of the
 * terms that contain it (same numeric variables, more factors); the rows named as X's columns
 * give each term's hypothesis (its columns of L, transposed), zero rows dropped. Empty cells are
 * zero columns of R: this is also what lmerTest does then (and warns about).
 * Returns null when some column of X has no namesake in R (the caller falls back).
 */
export function typeThreeFromCompleteDesign(
  parts: ModelParts,
  design: CompleteDesign,
): TermContrast[] | null {
  const X = parts.X;
  const { n, p } = X;
  const P = design.columns;
  const index = new Map<string, number>();
  design.names.forEach((name, j) => {
    index.set(name, j);
  });
  const rowOf = X.names.map((name) => index.get(name) ?? -1);
  if (rowOf.some((j) => j < 0)) return null;

  // L = (XᵀX)⁻¹XᵀR transposed: L[j, k] at j + k·P.
  const xtx = multiply(true, false, p, p, n, X.data, X.data);
  const projection = multiply(
    false,
    false,
    p,
    P,
    p,
    inverseSpd(p, xtx, "XᵀX"),
    crossWithDesign(X, design),
  );
  const L = new Float64Array(P * p);
  for (let k = 0; k < p; k++) for (let j = 0; j < P; j++) L[j + k * P] = projection[k + j * p];
  zapsmall(L);

  const terms = parts.formula.fixed;
  const columns = termColumns(parts);
  const numeric = (label: string) => {
    const column = Object.hasOwn(parts.table.columns, label) ? parts.table.columns[label] : null;
    return column?.kind === "numeric";
  };
  const variables = terms.map((term) => term.factors.map((factor) => factor.label));
  const containers = terms.map((_, t) =>
    terms
      .map((_, u) => u)
      .filter((u) => {
        if (u === t) return false;
        const inner = variables[t];
        const outer = variables[u];
        if (!inner.every((v) => outer.includes(v)) || outer.length <= inner.length) return false;
        const a = inner.filter(numeric).sort();
        const b = outer.filter(numeric).sort();
        return a.length === b.length && a.every((v, i) => v === b[i]);
      }),
  );
  // Higher-order terms first, ties in formula order (R's stable order()).
  const order = terms
    .map((term, t) => ({ t, degree: term.degree }))
    .sort((x, y) => y.degree - x.degree || x.t - y.t);
  for (const { t } of order) {
    if (containers[t].length === 0 || columns[t].length === 0) continue;
    orthogonalize(
      L,
      P,
      columns[t],
      containers[t].flatMap((u) => columns[u]),
    );
  }
  return terms.map((term, t) => ({
    term: term.label,
    rows: columns[t]
      .map((k) => rowOf.map((j) => L[j + k * P]))
      .filter((row) => row.reduce((s, v) => s + Math.abs(v), 0) > 1e-8),
  }));
}

/** The kept columns of X belonging to each term (by `assign`). */
export function termColumns(parts: ModelParts): number[][] {
  const X = parts.X;
  const assign = X.assign;
  const out: number[][] = parts.formula.fixed.map(() => []);
  if (assign === undefined) return out;
  X.kept.forEach((column, k) => {
    const term = assign[column];
    if (term > 0) out[term - 1].push(k);
  });
  return out;
}

/**
 * L[:, target] ← the residuals of its least-squares regression on L[:, basis] (R's
 * `resid(lm.fit(...))`, a projection, so unique even when the basis columns are collinear),
 * then zapsmall of that block.
 */
function orthogonalize(L: Float64Array, P: number, target: number[], basis: number[]): void {
  const m = basis.length;
  const gram = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b <= a; b++) {
      let sum = 0;
      for (let j = 0; j < P; j++) sum += L[j + basis[a] * P] * L[j + basis[b] * P];
      gram[a + b * m] = sum;
      gram[b + a * m] = sum;
    }
  let largest = 0;
  for (let a = 0; a < m; a++) largest = Math.max(largest, gram[a + a * m]);
  // lm.fit's QR drops columns below 1e-7 relative; on the Gram matrix that is (1e-7)².
  const inverse = symmetricPseudoInverse(m, gram, 1e-14 * largest).inverse;
  const block = new Float64Array(P * target.length);
  target.forEach((k, c) => {
    const zty = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let sum = 0;
      for (let j = 0; j < P; j++) sum += L[j + basis[a] * P] * L[j + k * P];
      zty[a] = sum;
    }
    const coefficients = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let sum = 0;
      for (let b = 0; b < m; b++) sum += inverse[a + b * m] * zty[b];
      coefficients[a] = sum;
    }
    for (let j = 0; j < P; j++) {
      let fit = 0;
      for (let a = 0; a < m; a++) fit += L[j + basis[a] * P] * coefficients[a];
      block[j + c * P] = L[j + k * P] - fit;
    }
  });
  zapsmall(block);
  target.forEach((k, c) => {
    L.set(block.subarray(c * P, (c + 1) * P), k * P);
  });
}

/** R's zapsmall(x) (digits 7): round to 7 − ⌈log10 max|x|⌉ decimals. */
function zapsmall(x: Float64Array): void {
  let largest = 0;
  for (let i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i]));
  if (!(largest > 0)) return;
  const digits = Math.max(0, 7 - Math.ceil(Math.log10(largest)));
  const scale = 10 ** digits;
  for (let i = 0; i < x.length; i++) x[i] = Math.round(x[i] * scale) / scale;
}
