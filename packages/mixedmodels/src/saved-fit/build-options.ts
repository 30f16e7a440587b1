import type { GlmmOptions } from "../glmm";
import type { LmmOptions } from "../lmm";

/** What `lmm()` or `glmm()` was given (a GLMM's options name its family). */
export type BuildOptions = LmmOptions | GlmmOptions;

/**
 * What `lmm()` and `glmm()` were given, per model, so that `saveFit` can write it down: the model
 * itself keeps only the built matrices. A WeakMap, so remembering costs nothing once a model is
 * dropped.
 */
const remembered = new WeakMap<object, { formula: string; options: BuildOptions }>();

export function rememberBuildOptions(model: object, formula: string, options: BuildOptions): void {
  remembered.set(model, { formula, options });
}

export function buildOptionsOf(
  model: object,
): { formula: string; options: BuildOptions } | undefined {
  return remembered.get(model);
}
