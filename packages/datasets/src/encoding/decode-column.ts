import type { DataColumn } from "@mixedmodels/core";
import { DataError } from "@mixedmodels/core";
import { DIGIT_ALPHABET, DIGIT_BASE, type EncodedColumn } from "./encoded-dataset";

const DIGIT_VALUE_PLUS_ONE = buildDigitTable();

function buildDigitTable(): Int16Array {
  const table = new Int16Array(128);
  for (let i = 0; i < DIGIT_ALPHABET.length; i++) table[DIGIT_ALPHABET.charCodeAt(i)] = i + 1;
  return table;
}

/**
 * Reads `nrow` fixed-width groups of `width` digits from `text` as stored values (0 = missing).
 * One monomorphic loop into an Int32Array, so that a first, cold decode of InstEval is already fast.
 *
 * @throws DataError when the text has the wrong length or a character outside the alphabet.
 */
function readStored(text: string, width: number, nrow: number, column: string): Int32Array {
  if (text.length !== width * nrow) {
    throw new DataError(
      `encoded column '${column}' has ${text.length} digits, expected ${width * nrow}`,
      { column },
    );
  }
  const stored = new Int32Array(nrow);
  let position = 0;
  let invalid = false;
  for (let row = 0; row < nrow; row++) {
    let value = 0;
    for (let k = 0; k < width; k++) {
      const code = text.charCodeAt(position++);
      // Codes of 128 and above index past the table and read undefined, which `| 0` makes 0;
      // the table stores digit + 1 so that 0 means "not a digit".
      const digit = (DIGIT_VALUE_PLUS_ONE[code] | 0) - 1;
      invalid = invalid || digit < 0;
      value = value * DIGIT_BASE + digit;
    }
    stored[row] = value;
  }
  if (invalid) throw firstInvalidDigit(text, width, column);
  return stored;
}

function firstInvalidDigit(text: string, width: number, column: string): DataError {
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (!(code < 128 && DIGIT_VALUE_PLUS_ONE[code] > 0)) {
      const row = Math.floor(position / width);
      return new DataError(`encoded column '${column}' has an invalid digit in row ${row}`, {
        column,
        row,
      });
    }
  }
  return new DataError(`encoded column '${column}' has an invalid digit`, { column });
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
      const codes = readStored(encoded.codes, encoded.width, nrow, name);
      const nlevels = encoded.levels.length;
      for (let row = 0; row < nrow; row++) {
        codes[row] -= 1;
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
      const stored = readStored(encoded.digits, encoded.width, nrow, name);
      const values = new Float64Array(nrow);
      const offset = encoded.offset;
      for (let row = 0; row < nrow; row++) {
        values[row] = stored[row] === 0 ? Number.NaN : offset + (stored[row] - 1);
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
