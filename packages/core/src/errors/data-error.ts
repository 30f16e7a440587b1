import { MixedModelsError } from "./mixed-models-error";

/** Bad input data: an unknown column, a non-numeric response, Inf in a used variable... */
export class DataError extends MixedModelsError {
  /** The column the problem is about, when there is one. */
  readonly column: string | undefined;
  /** The 0-based row of the first offending value, when there is one. */
  readonly row: number | undefined;
  constructor(message: string, details: { column?: string; row?: number } = {}) {
    super("DATA_ERROR", message);
    this.name = "DataError";
    this.column = details.column;
    this.row = details.row;
  }
}
