import type { CorrelationNoteV1, VarCorrGroupV1 } from "@mixedmodels/core";
import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

function rowDot(lambda: Float64Array, s: number, a: number, b: number): number {
  let sum = 0;
  for (let c = 0; c < s; c++) sum += lambda[a + c * s] * lambda[b + c * s];
  return sum;
}

/**
 * Variance components as lme4 groups them: each original bar term of an amalgamated term is its
 * own group (`Subject`, `Subject.1`, ...). SD of component r is σ‖row r of λ‖; correlations are
 * ⟨row r, row c⟩/(‖row r‖‖row c‖), −0 where structurally zero (a diagonal λ), and null with a
 * note where a row of λ is zero: a standard deviation estimated as exactly zero has no
 * correlation (0/0, which would otherwise reach reports as NaN).
 */
export function computeVarCorr(
  reterms: readonly RandomEffectsMatrix[],
  lambdas: readonly Float64Array[],
  sigma: number,
): VarCorrGroupV1[] {
  const groups: VarCorrGroupV1[] = [];
  reterms.forEach((term, t) => {
    const s = term.s;
    const lambda = lambdas[t];
    let start = 0;
    term.blockSizes.forEach((size, b) => {
      const rows = Array.from({ length: size }, (_, i) => start + i);
      const names = term.columnNames.slice(start, start + size);
      const norms = rows.map((r) => Math.sqrt(rowDot(lambda, s, r, r)));
      const notes: CorrelationNoteV1[] = [];
      const correlation = (i: number, j: number): number | null => {
        if (i === j) return 1;
        if (term.diagonal) return -0;
        if (norms[i] === 0 || norms[j] === 0) {
          const zero = norms[i] === 0 ? names[i] : names[j];
          const other = norms[i] === 0 ? names[j] : names[i];
          notes.push({
            row: i,
            column: j,
            reason: "zero-variance",
            message: `the standard deviation of '${zero}' is estimated as exactly zero, so its correlation with '${other}' is undefined`,
          });
          return null;
        }
        return rowDot(lambda, s, rows[i], rows[j]) / (norms[i] * norms[j]);
      };
      const corr = size === 1 ? null : rows.map((_, i) => rows.map((__, j) => correlation(i, j)));
      groups.push({
        group: b === 0 ? term.group : `${term.group}.${b}`,
        names,
        sd: norms.map((norm) => sigma * norm),
        corr,
        ...(notes.length > 0 ? { corrNotes: notes } : {}),
      });
      start += size;
    });
  });
  return groups;
}

/** lme4-style θ names: `Subject.(Intercept)`, `Subject.Days.(Intercept)` (row, then column). */
export function thetaNames(reterms: readonly RandomEffectsMatrix[]): string[] {
  const names: string[] = [];
  for (const term of reterms) {
    for (let i = 0; i < term.thetaRows.length; i++) {
      const r = term.thetaRows[i];
      const c = term.thetaCols[i];
      names.push(
        r === c
          ? `${term.group}.${term.columnNames[r]}`
          : `${term.group}.${term.columnNames[r]}.${term.columnNames[c]}`,
      );
    }
  }
  return names;
}
