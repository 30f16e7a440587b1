import type { TableSpec } from "./table-spec";

const LATEX_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
};

/**
 * Escapes text for LaTeX text mode: the ten special characters plus `<`, `>` and `|`, which the
 * default OT1 font encoding would print as other glyphs. `χ²`, `σ` and `σ_name` become math
 * (`$\sigma_\text{name}$`).
 */
export function escapeLatex(text: string): string {
  return text
    .replace(/[\\&%$#_{}~^<>|]/g, (character) => LATEX_ESCAPES[character])
    .replace(/χ²/g, "$\\chi^2$")
    .replace(/σ\\_(\S+)/g, "$\\sigma_\\text{$1}$")
    .replace(/σ/g, "$\\sigma$");
}

/**
 * Renders a `tabular` environment (booktabs-free, `\hline` rules), one `l` or `r` column spec per
 * column, every cell escaped, rows ended by `\\`.
 */
export function renderLatexTable(table: TableSpec): string {
  const spec = table.columns.map((column) => (column.align === "left" ? "l" : "r")).join("");
  // A row starting with `[` would be read as the optional argument of the previous `\\\\`.
  const cell = (text: string) =>
    text.startsWith("[") ? `{}${escapeLatex(text)}` : escapeLatex(text);
  const line = (cells: readonly string[]) => `${cells.map(cell).join(" & ")} \\\\`;
  return [
    `\\begin{tabular}{${spec}}`,
    "\\hline",
    line(table.columns.map((column) => column.header)),
    "\\hline",
    ...table.rows.map((row) => line(table.columns.map((_, j) => row[j] ?? ""))),
    "\\hline",
    "\\end{tabular}",
  ].join("\n");
}
