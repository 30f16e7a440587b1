import { datasetInfo, datasetNames } from "@mixedmodels/datasets";
import type { CliIo } from "../io";

export function runDatasetsCommand(io: CliIo): number {
  const rows = datasetNames.map((name) => {
    const info = datasetInfo(name);
    return [name, String(info.nrow), String(info.columns.length), info.description];
  });
  const header = ["name", "rows", "columns", "description"];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column === 1 || column === 2
          ? cell.padStart(widths[column] ?? 0)
          : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  io.stdout(`${[line(header), ...rows.map(line)].join("\n")}\n`);
  return 0;
}
