/**
 * The compact form in which the generator (`scripts/generate.mjs`) stores a dataset inside a
 * TypeScript module. Strings rather than array literals, because a JavaScript engine parses a long
 * string literal far faster than a long array literal, and decoding can then wait until the data
 * are first used.
 */

/**
 * A factor column: `codes` holds one fixed-width group of `width` digits per row in the
 * {@link DIGIT_ALPHABET} base, storing the 0-based level index plus one (0 marks a missing value).
 */
export interface EncodedFactorColumn {
  readonly kind: "factor";
  /** Levels in R's order; the first is the reference level. */
  readonly levels: readonly string[];
  /** True where R marks the factor as ordered (it is still stored as plain codes). */
  readonly ordered: boolean;
  readonly width: number;
  readonly codes: string;
}

/**
 * An integer column with a small range: per row `width` digits storing `value - offset + 1`
 * (0 marks a missing value).
 */
export interface EncodedIntegerDigitsColumn {
  readonly kind: "integer-digits";
  readonly offset: number;
  readonly width: number;
  readonly digits: string;
}

/** Any other numeric column: a JSON array of numbers, `null` for a missing value. */
export interface EncodedJsonNumberColumn {
  readonly kind: "numeric-json";
  /** The type the schema gives the column. */
  readonly type: "integer" | "numeric";
  readonly json: string;
}

export type EncodedColumn =
  | EncodedFactorColumn
  | EncodedIntegerDigitsColumn
  | EncodedJsonNumberColumn;

export interface EncodedDataset {
  /** The dataset's name in R (`sleepstudy`, `InstEval`). */
  readonly name: string;
  /** Where the data come from, as the schema says (`R package lme4`). */
  readonly source: string;
  readonly nrow: number;
  /** Column names in CSV order. */
  readonly names: readonly string[];
  readonly columns: Readonly<Record<string, EncodedColumn>>;
}

/**
 * The 91 printable ASCII characters from `#` to `~` except the backslash: none needs escaping
 * inside a double-quoted string literal. Must match the alphabet in `scripts/generate.mjs`.
 */
export const DIGIT_ALPHABET =
  "#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

export const DIGIT_BASE = DIGIT_ALPHABET.length;
