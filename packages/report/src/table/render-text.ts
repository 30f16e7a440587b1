import type { ColumnAlignment, TableSpec } from "./table-spec";

const SEPARATOR = "  ";

/** Options of the text format: the `textOptions` of {@link renderTable}. */
export interface TextTableOptions {
  /** Draw rules of `─` above the header, below it and below the last row (StatsBase style). */
  readonly rules?: boolean;
}

/**
 * Renders a table as aligned plain text, columns separated by two spaces: `left` columns padded
 * on the right, `right` ones on the left, `decimal` ones lined up on the decimal point (cells
 * without a point, such as `<1e-99`, align on their right end). Trailing spaces are trimmed.
 */
export function renderTextTable(table: TableSpec, options: TextTableOptions = {}): string {
  const formatted = table.columns.map((column, j) => {
    const cells = table.rows.map((row) => row[j] ?? "");
    const body = alignCells(cells, column.align);
    const width = Math.max(column.header.length, ...body.map((cell) => cell.length));
    return {
      header: column.align === "left" ? column.header.padEnd(width) : column.header.padStart(width),
      body: body.map((cell) =>
        column.align === "left" ? cell.padEnd(width) : cell.padStart(width),
      ),
      width,
    };
  });
  const lines: string[] = [];
  const totalWidth =
    formatted.reduce((sum, column) => sum + column.width, 0) +
    SEPARATOR.length * Math.max(0, formatted.length - 1);
  const rule = "─".repeat(totalWidth);
  if (options.rules) lines.push(rule);
  lines.push(
    formatted
      .map((column) => column.header)
      .join(SEPARATOR)
      .trimEnd(),
  );
  if (options.rules) lines.push(rule);
  table.rows.forEach((_, i) => {
    lines.push(
      formatted
        .map((column) => column.body[i])
        .join(SEPARATOR)
        .trimEnd(),
    );
  });
  if (options.rules) lines.push(rule);
  return lines.join("\n");
}

function alignCells(cells: readonly string[], align: ColumnAlignment): string[] {
  if (align !== "decimal") return [...cells];
  const isNumber = (cell: string) => /^[-+]?\d/.test(cell);
  const fractionOf = (cell: string) => {
    const dot = cell.indexOf(".");
    return dot < 0 ? "" : cell.slice(dot);
  };
  const fractionWidth = Math.max(
    0,
    ...cells.filter(isNumber).map((cell) => fractionOf(cell).length),
  );
  // Pad each number on the right so that its decimal point sits in the same column; other cells
  // (`<1e-99`, empty) are then right-aligned with the rest.
  return cells.map((cell) =>
    isNumber(cell) ? cell + " ".repeat(fractionWidth - fractionOf(cell).length) : cell,
  );
}
