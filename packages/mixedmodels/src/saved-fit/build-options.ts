import type { LmmOptions } from "../lmm";

/**
 * What `lmm()` was given, per model, so that `saveFit` can write it down: the model itself keeps
 * only the built matrices. A WeakMap, so remembering costs nothing once a model is dropped.
 */
const remembered = new WeakMap<object, { formula: string; options: LmmOptions }>();

export function rememberBuildOptions(model: object, formula: string, options: LmmOptions): void {
  remembered.set(model, { formula, options });
}

export function buildOptionsOf(
  model: object,
): { formula: string; options: LmmOptions } | undefined {
  return remembered.get(model);
}
