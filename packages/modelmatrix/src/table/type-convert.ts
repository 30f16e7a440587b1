import type { DataColumn } from "@mixedmodels/core";
import { columnFromCells, isMissingCell } from "./to-data-table";

/**
 * A column of text fields typed as R's `type.convert` types them: numeric when every non-missing
 * field is a number (whether it was quoted in the file does not matter), else categorical. The
 * text readers (CSV, and any other that yields strings) share this one rule, so that a column
 * means the same thing whichever way it arrives.
 */
export function columnFromFields(fields: readonly string[]): DataColumn {
  const values = new Float64Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (isMissingCell(field)) {
      values[i] = Number.NaN;
      continue;
    }
    const value = fieldNumber(field);
    if (value === null) return columnFromCells(fields);
    values[i] = value;
  }
  return { kind: "numeric", values };
}

// The number syntaxes R's type.convert reads (surrounding blanks allowed): decimal with optional
// exponent, hexadecimal, and Inf / infinity in any case. JavaScript's Number() alone would also
// take "0b101" and "0o7", which R reads as text.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEXADECIMAL = /^[+-]?0[xX][0-9a-fA-F]+$/;
const INFINITE = /^([+-]?)(?:inf|infinity)$/i;

/** A field as a number, or null when it is text. */
export function fieldNumber(field: string): number | null {
  const trimmed = field.trim();
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  if (HEXADECIMAL.test(trimmed)) {
    const negative = trimmed.startsWith("-");
    const magnitude = Number(trimmed.replace(/^[+-]/, ""));
    return negative ? -magnitude : magnitude;
  }
  const infinite = INFINITE.exec(trimmed);
  if (infinite) return infinite[1] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return null;
}
