/**
 * The normalized, column-oriented table every layer above `modelmatrix` reads.
 * Missing values: NaN in a numeric column, code -1 in a categorical one.
 */
export interface NumericColumn {
  readonly kind: "numeric";
  readonly values: Float64Array;
}

/** A categorical column: integer codes into `levels`; the first level is the reference level. */
export interface CategoricalColumn {
  readonly kind: "categorical";
  readonly levels: readonly string[];
  /** 0-based level index per row, -1 where the value is missing. */
  readonly codes: Int32Array;
}

export type DataColumn = NumericColumn | CategoricalColumn;

export interface DataTable {
  readonly nrow: number;
  /** Column names in their original order. */
  readonly names: readonly string[];
  readonly columns: Readonly<Record<string, DataColumn>>;
}

/** A value a user may put in a row object or a plain column array. */
export type CellValue = number | string | boolean | null | undefined;

/**
 * An Apache Arrow table (`apache-arrow`'s `Table`), recognised by shape so that nothing here
 * depends on apache-arrow: its row count, its schema's field names, and a column by name.
 */
export interface ArrowTableLike {
  readonly numRows: number;
  readonly schema: { readonly fields: ReadonlyArray<{ readonly name: string }> };
  getChild(name: string): unknown;
}

/**
 * Anything `modelmatrix` accepts as data: a normalized `DataTable`, a record of plain columns
 * (`{ y: [1, 2], g: ["a", "b"] }`), an array of row objects, or an Apache Arrow table.
 */
export type TableInput =
  | DataTable
  | ArrowTableLike
  | Readonly<Record<string, ArrayLike<CellValue> | DataColumn>>
  | ReadonlyArray<Readonly<Record<string, CellValue>>>;

export function isDataTable(value: unknown): value is DataTable {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const candidate = value as { nrow?: unknown; names?: unknown; columns?: unknown };
  return (
    typeof candidate.nrow === "number" &&
    Array.isArray(candidate.names) &&
    typeof candidate.columns === "object" &&
    candidate.columns !== null
  );
}

/**
 * The column named `name`, or undefined. Only the table's own entries count, so a column named
 * `toString` or `__proto__` is found and an absent one is never read off `Object.prototype`
 * (tables built by hand or by another library often hold their columns in a plain object).
 */
export function tableColumn(table: DataTable, name: string): DataColumn | undefined {
  return Object.hasOwn(table.columns, name) ? table.columns[name] : undefined;
}
