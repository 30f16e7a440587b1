import type { ModelParts } from "@mixedmodels/modelmatrix";
import { BlockedSystem } from "./blocked-system";
import type { GeneralizedLinearMixedModelOptions } from "./glmm-options";

/** The working model of u alone (X with no columns), sharing the full system's λ's. */
export function randomEffectsSystem(
  parts: ModelParts,
  full: BlockedSystem,
  options: GeneralizedLinearMixedModelOptions,
): BlockedSystem {
  const X = { ...parts.X, p: 0, data: new Float64Array(0), names: [], kept: new Int32Array(0) };
  return new BlockedSystem(
    { ...parts, X },
    { sparseFactor: options.sparseFactor, lambdas: full.lambdas },
  );
}
