import { MixedModelsError } from "./mixed-models-error";

/** A model that cannot be built or fitted as specified (no random-effects term, too few levels...). */
export class ModelError extends MixedModelsError {
  /** The formula term the problem is about, when there is one. */
  readonly term: string | undefined;
  constructor(message: string, details: { term?: string } = {}) {
    super("MODEL_ERROR", message);
    this.name = "ModelError";
    this.term = details.term;
  }
}
