// Types for encode.mjs, so the TypeScript tests can import it.
export interface CsvCell {
  readonly text: string;
  readonly quoted: boolean;
}
export interface ColumnSchema {
  readonly type: "factor" | "integer" | "numeric";
  readonly levels?: readonly string[];
  readonly ordered?: boolean;
}
export const ALPHABET: string;
export function parseCsv(text: string): CsvCell[][];
export function widthFor(count: number): number;
export function encodeDigits(values: readonly number[], width: number): string;
export function encodeColumn(
  file: string,
  name: string,
  spec: ColumnSchema,
  cells: readonly CsvCell[],
): import("../src/encoding/encoded-dataset").EncodedColumn;
