import { readFile } from "node:fs/promises";
import { DataError } from "mixedmodels";

/**
 * What `--schema FILE.json` contributes, in the format of the datasets' `*.schema.json`:
 * `{ "columns": { "dept": { "type": "factor", "levels": ["15", "5", …] }, "y": { "type": "integer" } } }`.
 * Factor columns become categorical with their level order; numeric and integer columns stay as
 * the CSV reader types them.
 */
export interface SchemaChoices {
  readonly categorical: string[];
  readonly levels: Record<string, string[]>;
}

const columnTypes = new Set(["factor", "integer", "numeric", "logical"]);

export async function readSchemaFile(path: string): Promise<SchemaChoices> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new DataError(`cannot read the schema file '${path}': ${describeFsError(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DataError(`the schema file '${path}' is not valid JSON: ${reason}`);
  }
  return schemaChoices(parsed, path);
}

export function schemaChoices(schema: unknown, path: string): SchemaChoices {
  const columns = (schema as { columns?: unknown } | null)?.columns;
  if (typeof columns !== "object" || columns === null || Array.isArray(columns)) {
    throw new DataError(`the schema file '${path}' has no "columns" object`);
  }
  const categorical: string[] = [];
  const levels: Record<string, string[]> = Object.create(null);
  for (const [name, spec] of Object.entries(columns as Record<string, unknown>)) {
    const type = (spec as { type?: unknown } | null)?.type;
    if (typeof type !== "string" || !columnTypes.has(type)) {
      throw new DataError(
        `the schema file '${path}' gives column '${name}' the type ${JSON.stringify(type)}; expected one of ${[...columnTypes].join(", ")}`,
        { column: name },
      );
    }
    if (type !== "factor") continue;
    categorical.push(name);
    const order = (spec as { levels?: unknown }).levels;
    if (order === undefined) continue;
    if (!Array.isArray(order) || !order.every((level) => typeof level === "string")) {
      throw new DataError(
        `the schema file '${path}' gives column '${name}' levels that are not a list of strings`,
        { column: name },
      );
    }
    levels[name] = order;
  }
  return { categorical, levels };
}

/** The file system's reason in words, without Node's `ENOENT: …, open '…'` wrapping. */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EISDIR":
      return "it is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
