import { gaussHermite } from "@mixedmodels/distributions";
import type { ModelParts } from "@mixedmodels/modelmatrix";
import type { BlockedSystem } from "./blocked-system";
import { fixedEffectsCovariance, fixedFactorInverse } from "./fixed-effects";
import { hessianCovariance } from "./glmm-hessian";
import { type GlmmObjective, PirlsFailure } from "./glmm-objective";

// The covariance of a fitted GLMM's β, as glmer: 2·H⁻¹ from the finite-difference Hessian of the
// objective over [β; θ], or the working model's φ·(L_XX L_XXᵀ)⁻¹ where that is not available.

/**
 * 2·H⁻¹ for β from the objective over [β; θ] at the installed optimum (p×p), or null when H is
 * not positive definite. The fitted state (β, u, θ and the working model) is restored exactly.
 */
export function hessianCovarianceAtOptimum(
  evaluator: GlmmObjective,
  system: BlockedSystem,
  parts: ModelParts,
  nAGQ: number,
): Float64Array | null {
  const p = system.p;
  const beta = Float64Array.from(evaluator.beta);
  const u = Float64Array.from(evaluator.u);
  const theta = system.getTheta();
  const rule = nAGQ > 1 ? gaussHermite(nAGQ) : null;
  const scratch = new Float64Array(rule === null ? 0 : 3 * parts.reterms[0].levels.length);
  // Every point's PIRLS run starts from the linearization at the optimum (the first point).
  let anchored = false;
  const objective = (x: Float64Array): number => {
    evaluator.beta.set(x.subarray(0, p));
    system.setTheta(x.subarray(p));
    try {
      evaluator.pirls(false);
    } catch (error) {
      if (error instanceof PirlsFailure) return Number.NaN;
      throw error;
    }
    if (!anchored) {
      evaluator.anchor();
      anchored = true;
    }
    return rule === null
      ? evaluator.laplace()
      : evaluator.adaptiveGaussHermite(rule.nodes, rule.weights, scratch);
  };
  const x = new Float64Array(p + theta.length);
  x.set(beta);
  x.set(theta, p);
  const covariance = hessianCovariance(objective, x, p);
  evaluator.clearAnchor();
  evaluator.beta.set(beta);
  evaluator.u.set(u);
  system.setTheta(theta);
  evaluator.install();
  return covariance;
}

/** φ·(L_XX L_XXᵀ)⁻¹ of the installed working model for the kept columns of X (p×p). */
export function workingModelCovariance(
  system: BlockedSystem,
  parts: ModelParts,
  sigma: number,
): Float64Array {
  const p = system.p;
  const all = fixedEffectsCovariance(parts.X, fixedFactorInverse(system), sigma);
  const covariance = new Float64Array(p * p);
  const m = parts.X.allNames.length;
  const { kept } = parts.X;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) covariance[a + b * p] = all[kept[a] + kept[b] * m];
  }
  return covariance;
}
