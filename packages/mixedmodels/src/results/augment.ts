import type { CellValue, DataTable } from "@mixedmodels/core";
import type { LinearMixedModel } from "@mixedmodels/models";

/**
 * One row of `augment()`: the observation's data columns (labels for categorical columns,
 * null where missing) plus broom.mixed's per-observation columns.
 */
export type AugmentRow = Record<string, CellValue> & {
  /** Fitted value Xβ + Zb (+ offset). */
  readonly ".fitted": number;
  /** y − fitted. */
  readonly ".resid": number;
  /** Leverage: the diagonal of the hat matrix. */
  readonly ".hat": number;
  /** The population-level prediction Xβ (+ offset). */
  readonly ".fixed": number;
  /** The conditional mean, equal to `.fitted` for a linear model. */
  readonly ".mu": number;
  readonly ".offset": number;
  readonly ".weights": number;
  /** Weighted residual √w·(y − fitted). */
  readonly ".wtres": number;
};

/**
 * Per-observation results as plain row objects, one per observation used by the fit (rows
 * dropped for missing values are left out, as R's model frame does), with broom.mixed's names.
 * @throws ModelError before `fit`.
 */
export function augment(model: LinearMixedModel): AugmentRow[] {
  model.summary(); // the fitted-model check, with its message
  const { parts } = model;
  const fitted = model.fitted();
  const residuals = model.residuals();
  const hat = model.leverage();
  const fixed = populationPrediction(model);
  const rows = usedRows(parts.table.nrow, parts.droppedRows);
  const result: AugmentRow[] = new Array(rows.length);
  for (let t = 0; t < rows.length; t++) {
    const row: Record<string, CellValue> = dataRow(parts.table, rows[t]);
    const weight = parts.weights === null ? 1 : parts.weights[t];
    row[".fitted"] = fitted[t];
    row[".resid"] = residuals[t];
    row[".hat"] = hat[t];
    row[".fixed"] = fixed[t];
    row[".mu"] = fitted[t];
    row[".offset"] = parts.offset ? parts.offset[t] : 0;
    row[".weights"] = weight;
    row[".wtres"] = Math.sqrt(weight) * residuals[t];
    result[t] = row as AugmentRow;
  }
  return result;
}

function usedRows(nrow: number, dropped: Int32Array): number[] {
  const skip = new Set(dropped);
  const rows: number[] = [];
  for (let i = 0; i < nrow; i++) if (!skip.has(i)) rows.push(i);
  return rows;
}

function dataRow(table: DataTable, index: number): Record<string, CellValue> {
  const row: Record<string, CellValue> = Object.create(null);
  for (const name of table.names) {
    const column = table.columns[name];
    if (column.kind === "numeric") {
      const value = column.values[index];
      row[name] = Number.isNaN(value) ? null : value;
    } else {
      const code = column.codes[index];
      row[name] = code < 0 ? null : column.levels[code];
    }
  }
  return row;
}

/** Xβ (+ offset) with the kept columns of X. */
function populationPrediction(model: LinearMixedModel): Float64Array {
  const { n, X, offset } = model.parts;
  const beta = model.fixef();
  const out = offset ? Float64Array.from(offset) : new Float64Array(n);
  for (let c = 0; c < X.p; c++) {
    const bc = beta[c];
    for (let t = 0; t < n; t++) out[t] += X.data[t + c * n] * bc;
  }
  return out;
}
