import type { BlockedSystem } from "./blocked-system";
import type { ConditionalVarianceTable } from "./model-types";

/**
 * Conditional covariance of b per level: the s×s diagonal blocks of σ²Λ(ΛᵀZᵀZΛ + I)⁻¹Λᵀ, from
 * forward solves with L_ZZ started at each random effect's block (one solve per random effect).
 * The system must hold a successfully updated factor.
 */
export function conditionalVariances(
  system: BlockedSystem,
  sigma: number,
): ConditionalVarianceTable[] {
  const x = new Float64Array(system.q + system.p + 1);
  return system.reterms.map((term, j) => {
    const s = term.s;
    const levels = term.levels.length;
    const lambda = system.lambdas[j];
    const values = new Float64Array(s * s * levels);
    const solved = new Float64Array(s * system.q);
    const gram = new Float64Array(s * s);
    for (let level = 0; level < levels; level++) {
      for (let r = 0; r < s; r++) {
        x.fill(0);
        x[system.offsets[j] + level * s + r] = 1;
        system.forwardSolve(x, j, system.k);
        solved.set(x.subarray(0, system.q), r * system.q);
      }
      // G = (L⁻¹e_r)·(L⁻¹e_c): the block of (L Lᵀ)⁻¹ for this level.
      for (let c = 0; c < s; c++) {
        for (let r = 0; r < s; r++) {
          let sum = 0;
          for (let i = system.offsets[j]; i < system.q; i++) {
            sum += solved[r * system.q + i] * solved[c * system.q + i];
          }
          gram[r + c * s] = sum;
        }
      }
      for (let c = 0; c < s; c++) {
        for (let r = 0; r < s; r++) {
          let sum = 0;
          for (let a = 0; a <= r; a++) {
            for (let b = 0; b <= c; b++)
              sum += lambda[r + a * s] * gram[a + b * s] * lambda[c + b * s];
          }
          values[level * s * s + r + c * s] = sigma * sigma * sum;
        }
      }
    }
    return { group: term.group, levels: term.levels, columnNames: term.columnNames, values };
  });
}
