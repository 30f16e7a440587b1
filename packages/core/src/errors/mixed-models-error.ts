/**
 * Base class of every error mixedmodels throws on purpose. `code` is a stable, machine-readable
 * discriminant, so callers (the CLI, a web page) can branch without `instanceof`, which breaks
 * when two copies of a package are loaded (ESM and CJS builds are two module instances).
 */
export class MixedModelsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "MixedModelsError";
    this.code = code;
  }
}
