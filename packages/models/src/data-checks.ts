import { DataError } from "@mixedmodels/core";
import type { ModelParts } from "@mixedmodels/modelmatrix";

/**
 * A response whose values differ by no more than this fraction of their magnitude (about 2¹⁰
 * units in the last place) is constant up to rounding: nothing is left to model, and a fit would
 * only measure rounding errors. Larger variation is fitted exactly (the columns are centred and
 * scaled internally), so a response of 1e12 + a few units, or of 300 ± 1e-9, is still data.
 */
export const NO_VARIATION_RELATIVE = 2 ** -42;

/** The input row (before rows with missing values were dropped) of model row `t`. */
function inputRow(parts: ModelParts, t: number): number {
  const dropped = parts.droppedRows;
  let row = t;
  for (let i = 0; i < dropped.length && dropped[i] <= row; i++) row++;
  return row;
}

/** Largest magnitude whose square, summed over n rows, stays finite in double precision. */
export function overflowLimit(n: number): number {
  return Math.sqrt(Number.MAX_VALUE / Math.max(1, n));
}

function checkMagnitude(
  parts: ModelParts,
  values: Float64Array,
  offset: number,
  stride: number,
  label: string,
  column: string,
): void {
  const limit = overflowLimit(parts.n);
  for (let t = 0; t < parts.n; t++) {
    const value = values[offset + t * stride];
    if (Math.abs(value) > limit) {
      const row = inputRow(parts, t);
      throw new DataError(
        `${label} has the value ${value} in row ${row}, too large for double precision: ` +
          `its square overflows (with ${parts.n} rows the limit is ${limit.toExponential(2)}); rescale the column`,
        { column, row },
      );
    }
  }
}

/**
 * Overflow: a value in the response, a fixed- or random-effects column or the offset so large
 * that its square (and so every variance the model reports) is not finite.
 * @throws DataError naming the column and the input row
 */
export function checkColumnMagnitudes(parts: ModelParts): void {
  const { n, X, reterms, responseName } = parts;
  checkMagnitude(parts, parts.y, 0, 1, `the response '${responseName}'`, responseName);
  X.names.forEach((name, c) => {
    checkMagnitude(parts, X.data, c * n, 1, `the fixed-effects column '${name}'`, name);
  });
  for (const term of reterms) {
    term.columnNames.forEach((name, r) => {
      const label = `the random-effects column '${name}' of '${term.group}'`;
      checkMagnitude(parts, term.z, r, term.s, label, name);
    });
  }
  if (parts.offset) checkMagnitude(parts, parts.offset, 0, 1, "the offset", "offset");
}

/** The formula's offset terms as written (`offset(log(n))`), for messages. */
function offsetText(parts: ModelParts): string {
  const { formula } = parts;
  const texts = formula.offsets.map(
    (expr) => `offset(${formula.text.slice(expr.span.start, expr.span.end).trim()})`,
  );
  return texts.length === 0 ? "the offset" : texts.join(" + ");
}

/**
 * No variation: the response minus the offset is constant up to rounding (for example
 * `offset(y)`, or values that differ only in their last bits).
 * @param response y − offset
 * @throws DataError naming the response (and the offset)
 */
export function checkResponseVariation(parts: ModelParts, response: Float64Array): void {
  let largest = 0;
  for (const value of response) largest = Math.max(largest, Math.abs(value));
  const first = response[0];
  let spread = 0;
  for (const value of response) spread = Math.max(spread, Math.abs(value - first));
  if (spread > NO_VARIATION_RELATIVE * largest) return;
  const name = parts.responseName;
  const what =
    parts.offset === null || parts.offset === undefined
      ? `the response '${name}'`
      : `the response '${name}' minus ${offsetText(parts)}`;
  const detail =
    spread === 0
      ? `is constant (${first})`
      : `varies only by ${spread.toExponential(2)} around ${first}, within rounding of its magnitude`;
  throw new DataError(
    `${what} ${detail} in all ${parts.n} rows used; there is no variation to model`,
    { column: name },
  );
}
