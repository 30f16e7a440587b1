import type { VarCorrGroupV1 } from "@mixedmodels/core";
import type { RandomEffectsMatrix } from "@mixedmodels/modelmatrix";

function rowDot(lambda: Float64Array, s: number, a: number, b: number): number {
  let sum = 0;
  for (let c = 0; c < s; c++) sum += lambda[a + c * s] * lambda[b + c * s];
  return sum;
}

/**
 * Variance components as lme4 groups them: each original bar term of an amalgamated term is its
 * own group (`Subject`, `Subject.1`, ...). SD of component r is σ‖row r of λ‖; correlations are
 * ⟨row r, row c⟩/(‖row r‖‖row c‖), −0 where structurally zero (a diagonal λ).
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
      const norms = rows.map((r) => Math.sqrt(rowDot(lambda, s, r, r)));
      const corr =
        size === 1
          ? null
          : rows.map((r, i) =>
              rows.map((c, j) => {
                if (i === j) return 1;
                if (term.diagonal) return -0;
                return rowDot(lambda, s, r, c) / (norms[i] * norms[j]);
              }),
            );
      groups.push({
        group: b === 0 ? term.group : `${term.group}.${b}`,
        names: term.columnNames.slice(start, start + size),
        sd: norms.map((norm) => sigma * norm),
        corr,
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
