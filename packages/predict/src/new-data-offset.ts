import { DataError, ModelError, type TableInput } from "@mixedmodels/core";
import { toDataTable } from "@mixedmodels/modelmatrix";
import type { FittedMixedModel } from "./fitted-model";

/**
 * An offset besides the formula's `offset(...)` terms: a column name, or one value per row
 * (null or NaN = missing).
 */
export type OffsetInput = string | ArrayLike<number | null>;

/**
 * The offset option of a model (not its formula's `offset(...)` terms, which the design
 * evaluates) on the rows of new data, or null when the model has none and none is given: the
 * generalized model's own option, or the one its parts were built with (`parts.offsetOption`).
 * `given` overrides; otherwise a model fitted with an offset column reads that column from
 * newdata. A model whose offset was given as values cannot know them for new rows, so then
 * `given` is required rather than silently predicting without the offset. A missing or
 * non-finite value gives NaN for its row (predict keeps the row, as for a missing predictor).
 * @throws ModelError for a model offset given as values without `given`; DataError for an
 *   absent or non-numeric column, or values of the wrong length.
 */
export function newDataExtraOffset(
  model: FittedMixedModel,
  newdata: TableInput,
  given: OffsetInput | undefined,
): Float64Array | null {
  const source = given ?? model.offsetOption ?? model.parts.offsetOption;
  if (source === undefined) return null;
  if (typeof source !== "string") {
    if (given === undefined) {
      throw new ModelError(
        "the model was fitted with offset values, which do not extend to new rows; pass predict's (or simulate's) offset option: a newdata column name or one value per row",
      );
    }
    return Float64Array.from(source, (value) => value ?? Number.NaN);
  }
  const table = toDataTable(newdata);
  const column = Object.hasOwn(table.columns, source) ? table.columns[source] : undefined;
  if (column === undefined) {
    throw new DataError(`newdata has no offset column '${source}'`, { column: source });
  }
  if (column.kind !== "numeric") {
    throw new DataError(`the offset column '${source}' of newdata is not numeric`, {
      column: source,
    });
  }
  return Float64Array.from(column.values);
}

/** Checks the extra offset's length against the rows of newdata. */
export function checkOffsetLength(offset: Float64Array | null, nrow: number): void {
  if (offset !== null && offset.length !== nrow) {
    throw new DataError(`the offset has ${offset.length} values but newdata has ${nrow} rows`, {
      column: "offset",
    });
  }
}
