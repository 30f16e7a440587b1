import {
  type ArrowTableLike,
  type CellValue,
  type DataColumn,
  DataError,
  type DataTable,
  nameRecord,
} from "@mixedmodels/core";
import { categoricalFromLabels, columnFromCells } from "./to-data-table";

interface ArrowVectorLike {
  readonly length: number;
  readonly nullCount: number;
  readonly type: { readonly typeId: number; toString(): string };
  readonly data: ReadonlyArray<{ readonly dictionary?: ArrowVectorLike }>;
  get(index: number): unknown;
  toArray(): ArrayLike<unknown>;
}

// apache-arrow's `Type` enum values that matter here (stable across versions: Arrow's format).
const ARROW_DICTIONARY = -1;
const ARROW_INT = 2;
const ARROW_FLOAT = 3;

/**
 * Whether `value` looks like an `apache-arrow` `Table`. Recognised by shape, so modelmatrix has no
 * runtime dependency on apache-arrow (and any version with this interface works).
 */
export function isArrowTable(value: unknown): value is ArrowTableLike {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as {
    numRows?: unknown;
    schema?: { fields?: unknown };
    getChild?: unknown;
  };
  return (
    typeof candidate.numRows === "number" &&
    typeof candidate.getChild === "function" &&
    Array.isArray(candidate.schema?.fields)
  );
}

/**
 * An Arrow table as a `DataTable`: numeric Arrow types (ints, floats, 64-bit ints as numbers)
 * become numeric columns, strings and booleans categorical ones (as from plain arrays), and a
 * dictionary-encoded column a factor whose levels are its dictionary, in dictionary order (the
 * first entry is the reference level, as R's `factor` levels are when Arrow comes from R).
 * Nulls are missing values.
 *
 * @throws DataError for a column of an Arrow type with no numeric or text meaning (structs,
 *   lists, binary), naming the column and its type.
 */
export function fromArrowTable(table: ArrowTableLike): DataTable {
  const names = table.schema.fields.map((field) => field.name);
  const columns = nameRecord<DataColumn>();
  for (const name of names) {
    const vector = table.getChild(name) as ArrowVectorLike | null;
    if (vector === null) {
      throw new DataError(`Arrow table lists column '${name}' but has no data for it`, {
        column: name,
      });
    }
    columns[name] = arrowColumn(name, vector);
  }
  return { nrow: table.numRows, names, columns };
}

function arrowColumn(name: string, vector: ArrowVectorLike): DataColumn {
  const typeId = vector.type.typeId;
  if (typeId === ARROW_DICTIONARY) return dictionaryColumn(name, vector);
  if ((typeId === ARROW_INT || typeId === ARROW_FLOAT) && vector.nullCount === 0) {
    const values = vector.toArray();
    if (!(values instanceof BigInt64Array || values instanceof BigUint64Array)) {
      return { kind: "numeric", values: Float64Array.from(values as ArrayLike<number>) };
    }
  }
  return columnFromCells(cells(name, vector));
}

function cells(name: string, vector: ArrowVectorLike): CellValue[] {
  const out: CellValue[] = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value = vector.get(i);
    if (value === null || value === undefined) out[i] = null;
    else if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
      out[i] = value;
    } else if (typeof value === "bigint") out[i] = Number(value);
    else if (value instanceof Date) out[i] = value.getTime();
    else {
      throw new DataError(
        `column '${name}' has Arrow type ${vector.type.toString()}, which is neither numbers nor text`,
        { column: name, row: i },
      );
    }
  }
  return out;
}

/** Levels in dictionary order; batches with their own dictionaries append new entries in order. */
function dictionaryColumn(name: string, vector: ArrowVectorLike): DataColumn {
  const levels: string[] = [];
  const seen = new Set<string>();
  for (const chunk of vector.data) {
    const dictionary = chunk.dictionary;
    if (!dictionary) continue;
    for (let k = 0; k < dictionary.length; k++) {
      const entry = dictionary.get(k);
      if (entry === null || entry === undefined) continue;
      const label = String(entry);
      if (!seen.has(label)) {
        seen.add(label);
        levels.push(label);
      }
    }
  }
  const labels: (string | null)[] = new Array(vector.length);
  for (let i = 0; i < vector.length; i++) {
    const value = vector.get(i);
    labels[i] = value === null || value === undefined ? null : String(value);
  }
  return categoricalFromLabels(labels, levels, name);
}
