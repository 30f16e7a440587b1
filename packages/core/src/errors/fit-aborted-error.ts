import { MixedModelsError } from "./mixed-models-error";

/**
 * A fit stopped because its `AbortSignal` was aborted (checked before every evaluation of the
 * objective). The model is left unfitted; `refit()` starts again from the initial point.
 */
export class FitAbortedError extends MixedModelsError {
  /** Evaluations completed before the abort was seen. */
  readonly evaluations: number;
  constructor(evaluations: number, reason?: unknown) {
    const why =
      reason instanceof Error
        ? `: ${reason.message}`
        : typeof reason === "string"
          ? `: ${reason}`
          : "";
    super("FIT_ABORTED", `the fit was aborted after ${evaluations} evaluations${why}`);
    this.name = "FitAbortedError";
    this.evaluations = evaluations;
  }
}
