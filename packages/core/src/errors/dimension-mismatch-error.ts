import { MixedModelsError } from "./mixed-models-error";

/** A programming error: arrays or matrices whose sizes do not fit the operation. */
export class DimensionMismatchError extends MixedModelsError {
  constructor(message: string) {
    super("DIMENSION_MISMATCH", message);
    this.name = "DimensionMismatchError";
  }
}
