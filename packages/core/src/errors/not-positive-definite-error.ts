import { MixedModelsError } from "./mixed-models-error";

/** A Cholesky factorization met a non-positive pivot. */
export class NotPositiveDefiniteError extends MixedModelsError {
  /** Index of the block (in a blocked factorization), or -1 for a plain matrix. */
  readonly block: number;
  /** 0-based row (pivot) inside that block where the factorization failed. */
  readonly row: number;
  constructor(block: number, row: number, message?: string) {
    super(
      "NOT_POSITIVE_DEFINITE",
      message ??
        (block >= 0
          ? `matrix is not positive definite: non-positive pivot in block ${block}, row ${row}`
          : `matrix is not positive definite: non-positive pivot at row ${row}`),
    );
    this.name = "NotPositiveDefiniteError";
    this.block = block;
    this.row = row;
  }
}
