import type { DataTable } from "@mixedmodels/core";

/** The table and the rows (input indices, increasing) that survive the missing-value filter. */
export interface EvaluationContext {
  readonly table: DataTable;
  readonly rows: Int32Array;
}
