import type { DataColumn } from "@mixedmodels/core";
import { DataError } from "@mixedmodels/core";
import { DIGIT_ALPHABET, DIGIT_BASE, type EncodedColumn } from "./encoded-dataset";

const DIGIT_VALUE = buildDigitTable();

function buildDigitTable(): Int16Array {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < DIGIT_ALPHABET.length; i++) table[DIGIT_ALPHABET.charCodeAt(i)] = i;
  return table;
}

/**
 * Reads `nrow` fixed-width groups of `width` digits from `text` into `target`, storing each group's
 * value plus `shift` (so that a stored 0, "missing", lands on `shift`).
 *
 * @throws DataError when the text has the wrong length or a character outside the alphabet.
 */
function readDigits(
  text: string,
  width: number,
  nrow: number,
  shift: number,
  target: Int32Array | Float64Array,
  column: string,
): void {
  if (text.length !== width * nrow) {
    throw new DataError(
      `encoded column '${column}' has ${text.length} digits, expected ${width * nrow}`,
      { column },
    );
  }
  let position = 0;
  for (let row = 0; row < nrow; row++) {
    let value = 0;
    for (let k = 0; k < width; k++) {
      const code = text.charCodeAt(position++);
      const digit = code < 128 ? DIGIT_VALUE[code] : -1;
      if (digit < 0) {
        throw new DataError(`encoded column '${column}' has an invalid digit in row ${row}`, {
          column,
          row,
        });
      }
      value = value * DIGIT_BASE + digit;
    }
    target[row] = value + shift;
  }
}

/**
 * Decodes one column produced by the generator into the `DataTable` column form: a factor becomes
 * `levels` + `Int32Array` codes (-1 for missing); a numeric or integer column a `Float64Array`
 * (NaN for missing).
 *
 * @throws DataError when the encoded data do not have `nrow` entries or hold an invalid code.
 */
export function decodeColumn(name: string, encoded: EncodedColumn, nrow: number): DataColumn {
  switch (encoded.kind) {
    case "factor": {
      const codes = new Int32Array(nrow);
      readDigits(encoded.codes, encoded.width, nrow, -1, codes, name);
      const nlevels = encoded.levels.length;
      for (let row = 0; row < nrow; row++) {
        if (codes[row] >= nlevels) {
          throw new DataError(`column '${name}' has a code beyond its ${nlevels} levels`, {
            column: name,
            row,
          });
        }
      }
      return { kind: "categorical", levels: Object.freeze([...encoded.levels]), codes };
    }
    case "integer-digits": {
      const values = new Float64Array(nrow);
      readDigits(encoded.digits, encoded.width, nrow, 0, values, name);
      const offset = encoded.offset;
      for (let row = 0; row < nrow; row++) {
        const stored = values[row];
        values[row] = stored === 0 ? Number.NaN : offset + (stored - 1);
      }
      return { kind: "numeric", values };
    }
    case "numeric-json": {
      const parsed: unknown = JSON.parse(encoded.json);
      if (!Array.isArray(parsed) || parsed.length !== nrow) {
        throw new DataError(`encoded column '${name}' does not hold ${nrow} values`, {
          column: name,
        });
      }
      const values = new Float64Array(nrow);
      for (let row = 0; row < nrow; row++) {
        const value: unknown = parsed[row];
        values[row] = typeof value === "number" ? value : Number.NaN;
      }
      return { kind: "numeric", values };
    }
  }
}
