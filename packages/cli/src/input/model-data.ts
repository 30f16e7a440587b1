import { DataError, type DataTable, toDataTable } from "mixedmodels";
import type { FitCommandOptions } from "../fit-arguments";
import type { CliIo } from "../io";
import { readSchemaFile } from "./dataset-schema";
import { type LoadedTable, loadTable } from "./read-table";

/**
 * The table the model is built from: the source read with the schema's and the flags' column
 * types and level orders (flags win over the schema), then `--reference` levels moved first.
 */
export async function loadModelData(options: FitCommandOptions, io: CliIo): Promise<LoadedTable> {
  const schema = options.schema === undefined ? null : await readSchemaFile(options.schema);
  const levels: Record<string, readonly string[]> = Object.create(null);
  if (schema !== null) Object.assign(levels, schema.levels);
  Object.assign(levels, options.levels);
  const categorical = [...new Set([...(schema?.categorical ?? []), ...options.categorical])];
  const loaded = await loadTable(
    options.source,
    { delimiter: options.delimiter, categorical, levels },
    io,
  );
  const references = Object.keys(options.reference);
  if (references.length === 0) return loaded;
  return { ...loaded, table: withReferenceLevels(loaded.table, options.reference) };
}

/** R's `relevel()`: the named level first, the others in their current order. */
function withReferenceLevels(table: DataTable, reference: Readonly<Record<string, string>>) {
  const names = Object.keys(reference);
  const categorical = toDataTable(table, { categorical: names });
  const levels: Record<string, readonly string[]> = Object.create(null);
  for (const name of names) {
    const column = categorical.columns[name];
    if (column.kind !== "categorical") continue;
    const level = reference[name];
    if (!column.levels.includes(level)) {
      throw new DataError(
        `--reference ${name}=${level}: column '${name}' has no level '${level}' (levels: ${column.levels.slice(0, 20).join(", ")}${column.levels.length > 20 ? ", …" : ""})`,
        { column: name },
      );
    }
    levels[name] = [level, ...column.levels.filter((other) => other !== level)];
  }
  return toDataTable(categorical, { levels });
}
