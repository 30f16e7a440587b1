import type { DataColumn, DataTable } from "@mixedmodels/core";
import { decodeColumn } from "./encoding/decode-column";
import type { EncodedDataset } from "./encoding/encoded-dataset";

/**
 * Wraps an encoded dataset as a `DataTable` whose `columns` are decoded on first access and then
 * kept, so importing one dataset never pays for decoding another (InstEval is 73,421 rows).
 * `columns` is an own enumerable getter, so `{ ...table }` and `Object.keys` see it as a plain
 * property. Names, levels and the column record are frozen; the typed arrays cannot be, and are
 * shared by every user of the table: treat them as read-only.
 */
export function createLazyDataTable(encoded: EncodedDataset): DataTable {
  let decoded: Readonly<Record<string, DataColumn>> | undefined;
  const table: DataTable = {
    nrow: encoded.nrow,
    names: Object.freeze([...encoded.names]),
    get columns(): Readonly<Record<string, DataColumn>> {
      if (decoded === undefined) {
        const columns: Record<string, DataColumn> = {};
        for (const name of encoded.names) {
          columns[name] = decodeColumn(name, encoded.columns[name], encoded.nrow);
        }
        decoded = Object.freeze(columns);
      }
      return decoded;
    },
  };
  ENCODED_BY_TABLE.set(table, encoded);
  return table;
}

const ENCODED_BY_TABLE = new WeakMap<DataTable, EncodedDataset>();

/**
 * The encoded form behind a table made by {@link createLazyDataTable}, for metadata that must not
 * trigger decoding; undefined for any other table.
 */
export function encodedDatasetOf(table: DataTable): EncodedDataset | undefined {
  return ENCODED_BY_TABLE.get(table);
}
