import {
  type CategoricalColumn,
  DataError,
  type DataColumn,
  type DataTable,
  type TableInput,
} from "@mixedmodels/core";
import { didYouMean } from "../table/closest-names";
import { numericToCategorical, toDataTable } from "../table/to-data-table";

/**
 * New data read as the model read its own: each variable the prediction needs is given the kind
 * (numeric or categorical) it had in the model's table, so `herd: 1` matches the level "1" and a
 * CSV column of numbers-as-text still works as a covariate. Levels are the new data's own; they
 * are matched to the model's by label later.
 *
 * @throws DataError for a needed column that is absent (with the closest names), or a categorical
 *   column with non-numeric labels where the model had a numeric one.
 */
export function newDataTable(
  input: TableInput,
  training: DataTable,
  needed: readonly string[],
): DataTable {
  const table = toDataTable(input);
  const columns: Record<string, DataColumn> = Object.create(null);
  for (const name of table.names) columns[name] = table.columns[name];
  for (const name of needed) {
    const column = Object.hasOwn(table.columns, name) ? table.columns[name] : undefined;
    if (column === undefined) {
      throw new DataError(
        `newdata has no column '${name}', which the prediction needs${didYouMean(name, table.names)}`,
        { column: name },
      );
    }
    const kind = training.columns[name]?.kind;
    if (kind === "categorical" && column.kind === "numeric") {
      columns[name] = numericToCategorical(column);
    } else if (kind === "numeric" && column.kind === "categorical") {
      columns[name] = numericFromLabels(name, column);
    }
  }
  return { nrow: table.nrow, names: table.names, columns };
}

function numericFromLabels(name: string, column: CategoricalColumn): DataColumn {
  const values = new Float64Array(column.codes.length);
  for (let i = 0; i < values.length; i++) {
    const code = column.codes[i];
    if (code < 0) {
      values[i] = Number.NaN;
      continue;
    }
    const label = column.levels[code];
    const value = label.trim() === "" ? Number.NaN : Number(label);
    if (!Number.isFinite(value)) {
      throw new DataError(
        `column '${name}' is numeric in the model, but newdata has the value '${label}' in row ${i}`,
        { column: name, row: i },
      );
    }
    values[i] = value;
  }
  return { kind: "numeric", values };
}

/** Input rows with no missing value in any of `variables` (NaN or a missing level). */
export function completeNewRows(table: DataTable, variables: readonly string[]): Int32Array {
  const missing = new Uint8Array(table.nrow);
  for (const name of variables) {
    const column = table.columns[name];
    if (column.kind === "categorical") {
      for (let i = 0; i < table.nrow; i++) if (column.codes[i] < 0) missing[i] = 1;
    } else {
      for (let i = 0; i < table.nrow; i++) if (Number.isNaN(column.values[i])) missing[i] = 1;
    }
  }
  const rows: number[] = [];
  for (let i = 0; i < table.nrow; i++) if (missing[i] === 0) rows.push(i);
  return Int32Array.from(rows);
}
