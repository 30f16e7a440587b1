import { type DataColumn, DataError, type DataTable, tableColumn } from "@mixedmodels/core";
import type { RowValuesOption } from "../model-parts-options";

/**
 * The rows without a missing value (NaN, a missing level, or a missing weight or offset) in any
 * of `variables`, and the dropped ones, both as increasing input-row indices.
 *
 * @throws DataError for ±Infinity in a variable (column and first row), weights or an offset
 *   array of the wrong length, or when no row is left.
 */
export function completeRows(
  table: DataTable,
  variables: readonly string[],
  rowOptions: readonly { readonly label: string; readonly values: RowValuesOption | undefined }[],
): { rows: Int32Array; droppedRows: Int32Array } {
  const nrow = table.nrow;
  const missing = new Uint8Array(nrow);
  for (const name of variables) {
    const column = tableColumn(table, name) as DataColumn;
    if (column.kind === "categorical") {
      for (let i = 0; i < nrow; i++) if (column.codes[i] < 0) missing[i] = 1;
      continue;
    }
    const values = column.values;
    for (let i = 0; i < nrow; i++) {
      const value = values[i];
      if (Number.isNaN(value)) missing[i] = 1;
      else if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) {
        throw new DataError(
          `column '${name}' is ${value} in row ${i}; values used in a model must be finite (use NaN or null for a missing value)`,
          { column: name, row: i },
        );
      }
    }
  }
  // Options given as arrays (weights, offset): one value per input row, null or NaN = missing.
  for (const { label, values } of rowOptions) {
    if (values === undefined || typeof values === "string") continue;
    if (values.length !== nrow) {
      throw new DataError(
        `${label}: ${values.length} values given but the data have ${nrow} rows`,
        {
          column: label,
        },
      );
    }
    for (let i = 0; i < nrow; i++) {
      const w = values[i];
      if (w === null || w === undefined || Number.isNaN(w)) missing[i] = 1;
    }
  }
  let kept = 0;
  for (let i = 0; i < nrow; i++) if (missing[i] === 0) kept++;
  if (kept === 0) {
    const allMissing = variables.find((name) => everyMissing(table, name));
    throw new DataError(
      nrow === 0
        ? "the data have no rows"
        : `no rows left: each of the ${nrow} rows has a missing value in a variable the model uses${allMissing ? ` (column '${allMissing}' is missing in every row)` : ""}`,
      { column: allMissing },
    );
  }
  const rows = new Int32Array(kept);
  const droppedRows = new Int32Array(nrow - kept);
  let r = 0;
  let d = 0;
  for (let i = 0; i < nrow; i++) {
    if (missing[i] === 0) rows[r++] = i;
    else droppedRows[d++] = i;
  }
  return { rows, droppedRows };
}

function everyMissing(table: DataTable, name: string): boolean {
  const column = tableColumn(table, name) as DataColumn;
  if (column.kind === "categorical") return column.codes.every((code) => code < 0);
  return column.values.every((value) => Number.isNaN(value));
}
