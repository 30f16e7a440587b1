import type { BlockedSystem } from "./blocked-system";

/**
 * The solution of the penalized least-squares problem at the current θ: what a linear model
 * reports out (β, u, b = Λu, σ, the objective). Every estimate leaves the blocked system here, so
 * a transformation of the system's coordinates (centring or scaling the cross-product) has one
 * place to be undone.
 */
export interface PenalizedSolution {
  readonly beta: Float64Array;
  readonly u: Float64Array;
  readonly b: Float64Array;
  readonly sigma: number;
  readonly objective: number;
}

/** β̂, ũ, b̃ and σ̂ = √(r²/ν) (ν = n, or n − p for REML) from a successfully updated factor. */
export function solvePenalizedLeastSquares(
  system: BlockedSystem,
  reml: boolean,
): PenalizedSolution {
  const beta = new Float64Array(system.p);
  system.solveFixedEffects(beta);
  const u = new Float64Array(system.q);
  system.solveSphericalModes(beta, u);
  const b = new Float64Array(system.q);
  system.toRandomEffects(u, b);
  const nu = reml ? system.n - system.p : system.n;
  const sigma = Math.sqrt(system.pwrss() / nu);
  return { beta, u, b, sigma, objective: system.objective(reml) };
}
