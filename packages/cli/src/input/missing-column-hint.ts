import type { DataError } from "mixedmodels";
import { delimiterName } from "./detect-delimiter";
import type { LoadedTable } from "./read-table";

/**
 * When the model names a column the file does not have and the header holds another delimiter
 * character, the likely cause is the delimiter: say which one was used, what the header became
 * and which flag reads it correctly.
 */
export function missingColumnHint(error: DataError, loaded: LoadedTable): string | null {
  const choice = loaded.delimiter;
  const column = error.column;
  if (choice === null || column === undefined || Object.hasOwn(loaded.table.columns, column)) {
    return null;
  }
  const names = loaded.table.names;
  const shown = names.length > 4 ? `${names.slice(0, 4).join(" | ")} | …` : names.join(" | ");
  const how =
    choice.how === "detected"
      ? "detected from the header"
      : choice.how === "given"
        ? "given by --delimiter"
        : "the default";
  const lines = [
    `note: ${loaded.label} was read with the delimiter ${delimiterName(choice.delimiter)} (${how}), giving ${names.length} column${names.length === 1 ? "" : "s"}: ${shown}`,
  ];
  const other = choice.alsoInHeader[0];
  if (other !== undefined) {
    const flag = other === "\t" ? "\\t" : other;
    lines.push(`      its header also contains ${delimiterName(other)}: try --delimiter '${flag}'`);
  }
  return lines.join("\n");
}
