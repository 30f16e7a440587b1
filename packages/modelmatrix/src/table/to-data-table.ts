import {
  type CategoricalColumn,
  type CellValue,
  type DataColumn,
  DataError,
  type DataTable,
  isDataTable,
  type NumericColumn,
  nameRecord,
  ownEntries,
  type TableInput,
  tableColumn,
} from "@mixedmodels/core";
import { fromArrowTable, isArrowTable } from "./arrow-table";
import { didYouMean } from "./closest-names";
import { numberLabel, orderLevels } from "./order-levels";

/** How `toDataTable` should type columns whose inferred type is not wanted. */
export interface TableOptions {
  /** Columns to treat as categorical even when every value is a number. */
  readonly categorical?: readonly string[];
  /**
   * Explicit level order per column (the first level is the reference level). Makes the column
   * categorical; a value not listed is a `DataError`.
   */
  readonly levels?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Normalizes any accepted table shape into a column-oriented `DataTable`.
 *
 * - A `DataTable` is returned as is, unless `options` retype or reorder one of its columns.
 * - A record of columns: each column is an array of cells or an already normalized `DataColumn`.
 * - An array of row objects: the columns are the union of the row keys, in first-seen order; a
 *   key absent from a row is a missing cell.
 * - An Apache Arrow `Table` (recognised by shape): see `fromArrowTable`; dictionary-encoded
 *   columns become factors with the dictionary's level order.
 *
 * Cells: numbers make a numeric column; strings and booleans (`TRUE`/`FALSE`) make a categorical
 * column, as does a mix of numbers and non-numeric strings. `null`, `undefined`, `NaN`, `""`,
 * `"NA"` and `"NaN"` are missing (see `isMissingCell`). Level order: `options.levels`, else numeric order when every label is a
 * number, else code-unit string order (R's `factor()` in the C locale).
 *
 * @throws DataError when columns have unequal lengths, an option names an unknown column, or a
 *   value is not among the explicit levels of its column.
 */
export function toDataTable(input: TableInput, options: TableOptions = {}): DataTable {
  const base = isDataTable(input)
    ? validated(input)
    : isArrowTable(input)
      ? fromArrowTable(input)
      : Array.isArray(input)
        ? fromRows(input as ReadonlyArray<Readonly<Record<string, CellValue>>>)
        : fromColumns(input as Readonly<Record<string, ArrayLike<CellValue> | DataColumn>>);
  return applyTableOptions(base, options);
}

/** Applies `categorical` and `levels` options to a table; returns the same object when nothing changes. */
export function applyTableOptions(table: DataTable, options: TableOptions): DataTable {
  const categorical = new Set(options.categorical ?? []);
  const levels = ownEntries(options.levels);
  for (const name of [...categorical, ...levels.keys()]) {
    if (tableColumn(table, name) === undefined) {
      throw new DataError(`column '${name}' not found${didYouMean(name, table.names)}`, {
        column: name,
      });
    }
  }
  let changed = false;
  const columns = nameRecord<DataColumn>();
  for (const name of table.names) {
    const column = tableColumn(table, name) as DataColumn;
    const explicit = levels.get(name);
    let next = column;
    if (explicit !== undefined) next = withLevels(name, column, explicit);
    else if (categorical.has(name) && column.kind === "numeric")
      next = numericToCategorical(column);
    if (next !== column) changed = true;
    columns[name] = next;
  }
  return changed ? { nrow: table.nrow, names: table.names, columns } : table;
}

function fromRows(rows: ReadonlyArray<Readonly<Record<string, CellValue>>>): DataTable {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  const columns = nameRecord<DataColumn>();
  for (const name of names) {
    const cells: CellValue[] = new Array(rows.length);
    // A row without its own key is a missing cell, never a value inherited from Object.prototype.
    for (let i = 0; i < rows.length; i++) {
      cells[i] = Object.hasOwn(rows[i], name) ? rows[i][name] : undefined;
    }
    columns[name] = columnFromCells(cells);
  }
  return { nrow: rows.length, names, columns };
}

function fromColumns(
  input: Readonly<Record<string, ArrayLike<CellValue> | DataColumn>>,
): DataTable {
  const names = Object.keys(input);
  const columns = nameRecord<DataColumn>();
  let nrow = -1;
  let firstName = "";
  for (const name of names) {
    const raw = input[name];
    const column = isDataColumn(raw) ? checkedCodes(name, raw) : columnFromCells(raw);
    const length = columnLength(column);
    if (nrow < 0) {
      nrow = length;
      firstName = name;
    } else if (length !== nrow) {
      throw new DataError(
        `columns have unequal lengths: '${firstName}' has ${nrow} values but '${name}' has ${length}`,
        { column: name },
      );
    }
    columns[name] = column;
  }
  return { nrow: Math.max(nrow, 0), names, columns };
}

/**
 * Two columns under one name would make every lookup by that name ambiguous (a plain object keeps
 * the last one silently), so a duplicate is an error that names it.
 */
export function checkUniqueNames(names: readonly string[], source: string): void {
  const seen = new Set<string>();
  for (let j = 0; j < names.length; j++) {
    const name = names[j];
    if (seen.has(name)) {
      const first = names.indexOf(name);
      throw new DataError(
        `the ${source} has two columns named '${name}' (columns ${first + 1} and ${j + 1}); rename one of them`,
        { column: name },
      );
    }
    seen.add(name);
  }
}

function columnLength(column: DataColumn): number {
  return column.kind === "numeric" ? column.values.length : column.codes.length;
}

/**
 * A caller-built table: every column has `nrow` entries and valid codes. Its columns are copied
 * into a prototype-free record (unless they already are), so every later lookup by name is safe.
 */
function validated(table: DataTable): DataTable {
  checkUniqueNames(table.names, "table");
  const columns = nameRecord<DataColumn>();
  for (const name of table.names) {
    const column = tableColumn(table, name);
    if (column === undefined || !isDataColumn(column)) {
      throw new DataError(`table lists column '${name}' but has no data for it`, { column: name });
    }
    columns[name] = column;
    checkedCodes(name, column);
    if (columnLength(column) !== table.nrow) {
      throw new DataError(
        `column '${name}' has ${columnLength(column)} values but the table has ${table.nrow} rows`,
        { column: name },
      );
    }
  }
  return Object.getPrototypeOf(table.columns) === null
    ? table
    : { nrow: table.nrow, names: table.names, columns };
}

function checkedCodes(name: string, column: DataColumn): DataColumn {
  if (column.kind === "categorical") {
    const count = column.levels.length;
    for (let i = 0; i < column.codes.length; i++) {
      const code = column.codes[i];
      if (code < -1 || code >= count) {
        throw new DataError(
          `column '${name}' has code ${code} in row ${i}, outside its ${count} levels (use -1 for missing)`,
          { column: name, row: i },
        );
      }
    }
  }
  return column;
}

function isDataColumn(value: unknown): value is DataColumn {
  if (typeof value !== "object" || value === null || !("kind" in value)) return false;
  const kind = (value as { kind: unknown }).kind;
  return kind === "numeric" || kind === "categorical";
}

/**
 * True for the cells that mean "no value": null, undefined, NaN, and the strings "", "NA" and
 * "NaN". One rule for every input path (row objects, plain columns, CSV text, any column type):
 * a string "NaN" is how a NaN reads once written out (`String(NaN)`, R's `write.csv`, pandas), so
 * it is missing like the number, never a factor level.
 */
export function isMissingCell(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "number") return Number.isNaN(value);
  if (typeof value === "string") return value === "NA" || value === "NaN" || value.trim() === "";
  return false;
}

function cellLabel(value: CellValue): string {
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return numberLabel(value);
  return String(value);
}

/** Infers a column from raw cells (see `toDataTable` for the rules). */
export function columnFromCells(cells: ArrayLike<CellValue>): DataColumn {
  let allNumbers = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (!isMissingCell(cell) && typeof cell !== "number") {
      allNumbers = false;
      break;
    }
  }
  if (allNumbers) {
    const values = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      values[i] = isMissingCell(cell) ? Number.NaN : (cell as number);
    }
    return { kind: "numeric", values };
  }
  const labels: (string | null)[] = new Array(cells.length);
  const present: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (isMissingCell(cell)) {
      labels[i] = null;
    } else {
      const label = cellLabel(cell);
      labels[i] = label;
      present.push(label);
    }
  }
  return categoricalFromLabels(labels, orderLevels(present));
}

/** A categorical column from labels (null = missing) and its level order. */
export function categoricalFromLabels(
  labels: readonly (string | null)[],
  levels: readonly string[],
  columnName?: string,
): CategoricalColumn {
  const index = new Map<string, number>();
  levels.forEach((level, i) => {
    index.set(level, i);
  });
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === null) {
      codes[i] = -1;
      continue;
    }
    const code = index.get(label);
    if (code === undefined) {
      throw new DataError(
        `value '${label}' in row ${i} of column '${columnName}' is not one of its given levels`,
        { column: columnName, row: i },
      );
    }
    codes[i] = code;
  }
  return { kind: "categorical", levels: [...levels], codes };
}

/** A numeric column as a categorical one, levels in numeric order; NaN becomes missing. */
export function numericToCategorical(column: NumericColumn): CategoricalColumn {
  const labels = numericLabels(column.values);
  return categoricalFromLabels(labels, orderLevels(labels.filter((l): l is string => l !== null)));
}

function numericLabels(values: Float64Array): (string | null)[] {
  const labels: (string | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    labels[i] = Number.isNaN(values[i]) ? null : numberLabel(values[i]);
  }
  return labels;
}

function withLevels(
  name: string,
  column: DataColumn,
  levels: readonly string[],
): CategoricalColumn {
  if (new Set(levels).size !== levels.length) {
    throw new DataError(`the levels given for column '${name}' contain duplicates`, {
      column: name,
    });
  }
  if (column.kind === "numeric") {
    return categoricalFromLabels(numericLabels(column.values), levels, name);
  }
  const labels = Array.from(column.codes, (code) => (code < 0 ? null : column.levels[code]));
  return categoricalFromLabels(labels, levels, name);
}
