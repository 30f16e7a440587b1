import { renderHtmlTable } from "./render-html";
import { renderLatexTable } from "./render-latex";
import { renderMarkdownTable } from "./render-markdown";
import { renderTextTable, type TextTableOptions } from "./render-text";
import type { OutputFormat, TableSpec } from "./table-spec";

/** Renders a table in any output format; `textOptions` only affects `text`. */
export function renderTable(
  table: TableSpec,
  format: OutputFormat,
  textOptions: TextTableOptions = {},
): string {
  switch (format) {
    case "text":
      return renderTextTable(table, textOptions);
    case "markdown":
      return renderMarkdownTable(table);
    case "html":
      return renderHtmlTable(table);
    case "latex":
      return renderLatexTable(table);
  }
}

/**
 * Checks a user-supplied format name.
 *
 * @throws RangeError for a name other than text, markdown, html or latex.
 */
export function checkFormat(format: string | undefined): OutputFormat {
  const value = format ?? "text";
  if (value === "text" || value === "markdown" || value === "html" || value === "latex") {
    return value;
  }
  throw new RangeError(`unknown output format '${value}'; use text, markdown, html or latex`);
}
