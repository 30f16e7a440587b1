/**
 * A table as plain strings, the one shape every output format renders. Numbers are formatted
 * before they get here, so all formats show the same digits.
 */
export type ColumnAlignment = "left" | "right" | "decimal";

export interface TableColumn {
  readonly header: string;
  /** `decimal` lines numbers up on their decimal point in text; other formats treat it as right. */
  readonly align: ColumnAlignment;
}

export interface TableSpec {
  readonly columns: readonly TableColumn[];
  /** Each row has one cell per column. */
  readonly rows: readonly (readonly string[])[];
}

export type OutputFormat = "text" | "markdown" | "html" | "latex";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "markdown", "html", "latex"];
