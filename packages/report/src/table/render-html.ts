import type { TableSpec } from "./table-spec";

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);
}

/**
 * Renders an HTML `<table>` with a `<thead>` of `<th>` cells and a `<tbody>`, every cell escaped;
 * numeric columns carry `style="text-align: right"`.
 */
export function renderHtmlTable(table: TableSpec): string {
  const style = (j: number) =>
    table.columns[j].align === "left" ? ' style="text-align: left"' : ' style="text-align: right"';
  const head = table.columns
    .map((column, j) => `<th${style(j)}>${escapeHtml(column.header)}</th>`)
    .join("");
  const body = table.rows.map(
    (row) =>
      `<tr>${table.columns.map((_, j) => `<td${style(j)}>${escapeHtml(row[j] ?? "")}</td>`).join("")}</tr>`,
  );
  return [
    "<table>",
    `<thead><tr>${head}</tr></thead>`,
    "<tbody>",
    ...body,
    "</tbody>",
    "</table>",
  ].join("\n");
}
