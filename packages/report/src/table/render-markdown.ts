import type { TableSpec } from "./table-spec";

/**
 * Escapes text for a cell of a GitHub-flavoured Markdown table: backslashes, pipes (cell
 * separators), emphasis and link characters, backticks, and a `<` that could open an HTML tag;
 * line breaks become spaces. `<1e-99` stays readable.
 */
export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/[\\|*_`[\]]/g, "\\$&")
    .replace(/<(?=[A-Za-z/!?])/g, "\\<")
    .replace(/\r?\n/g, " ");
}

/**
 * Renders a GitHub-flavoured Markdown table: a header row, an alignment row (`:---` left, `---:`
 * right and decimal) and one row per table row, every row with one cell per column. Cells are
 * padded to a common width so the source reads as a table too.
 */
export function renderMarkdownTable(table: TableSpec): string {
  const header = table.columns.map((column) => escapeMarkdownCell(column.header));
  const rows = table.rows.map((row) =>
    table.columns.map((_, j) => escapeMarkdownCell(row[j] ?? "")),
  );
  const widths = table.columns.map((_, j) =>
    Math.max(4, header[j].length, ...rows.map((row) => row[j].length)),
  );
  const pad = (cells: readonly string[]) =>
    cells.map((cell, j) =>
      table.columns[j].align === "left" ? cell.padEnd(widths[j]) : cell.padStart(widths[j]),
    );
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  const alignment = table.columns.map((column, j) =>
    column.align === "left" ? `:${"-".repeat(widths[j] - 1)}` : `${"-".repeat(widths[j] - 1)}:`,
  );
  return [line(pad(header)), line(alignment), ...rows.map((row) => line(pad(row)))].join("\n");
}
