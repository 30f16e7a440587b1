import type { ModelWarningV1 } from "@mixedmodels/core";
import { DataError } from "@mixedmodels/core";

/** Where the response came from, so errors can name the column and the row of the data table. */
export interface ResponseContext {
  /** The response column (or expression) name. */
  readonly column: string;
  /** The data-table row of each observation (rows dropped for missing values are not counted). */
  readonly rows?: ArrayLike<number>;
  /** Prior weights (binomial: the number of trials); all 1 when absent. */
  readonly weights?: ArrayLike<number>;
  /** The weights column name, for messages. */
  readonly weightsColumn?: string;
}

/** One structured warning for a whole column: how many rows, and the first of them. */
export interface ResponseWarning extends ModelWarningV1 {
  readonly code: "non-integer-counts" | "non-integer-successes" | "non-integer-trials";
  readonly column: string;
  /** The number of observations the warning is about. */
  readonly count: number;
  /** The data-table row of the first of them. */
  readonly firstRow: number;
}

/** R's tolerance for "integer" successes and counts (`abs(m - round(m)) > 1e-3`). */
const INTEGER_TOLERANCE = 1e-3;

export function tableRow(context: ResponseContext, i: number): number {
  return context.rows === undefined ? i : context.rows[i];
}

export function weightAt(context: ResponseContext, i: number): number {
  return context.weights === undefined ? 1 : context.weights[i];
}

export function isNearInteger(x: number): boolean {
  return Math.abs(x - Math.round(x)) <= INTEGER_TOLERANCE;
}

/**
 * Throws a DataError for the first observation whose response is not finite, or whose prior
 * weight is not finite or is negative.
 */
export function checkFiniteAndWeights(y: ArrayLike<number>, context: ResponseContext): void {
  const weightsColumn = context.weightsColumn ?? "weights";
  if (context.weights !== undefined && context.weights.length !== y.length) {
    throw new DataError(
      `'${weightsColumn}' has ${context.weights.length} values but the response '${context.column}' has ${y.length}`,
      { column: weightsColumn },
    );
  }
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) {
      failAt(context, i, `is ${y[i]}; a response must be finite`);
    }
    const w = weightAt(context, i);
    if (!Number.isFinite(w) || w < 0) {
      const row = tableRow(context, i);
      throw new DataError(
        `'${weightsColumn}' is ${w} in row ${row}; prior weights must be finite and non-negative`,
        { column: weightsColumn, row },
      );
    }
  }
}

/** Throws the DataError for observation i of the response. */
export function failAt(context: ResponseContext, i: number, what: string): never {
  const row = tableRow(context, i);
  throw new DataError(`'${context.column}' ${what} (row ${row})`, { column: context.column, row });
}

/**
 * Collects the observations for which `isSuspect` holds into one warning (or none), instead of one
 * message per row as R prints them.
 */
export function collectWarning(
  n: number,
  context: ResponseContext,
  code: ResponseWarning["code"],
  column: string,
  describe: (count: number, firstRow: number) => string,
  isSuspect: (i: number) => boolean,
): ResponseWarning[] {
  let count = 0;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (isSuspect(i)) {
      if (count === 0) first = i;
      count++;
    }
  }
  if (count === 0) return [];
  const firstRow = tableRow(context, first);
  return [{ code, column, count, firstRow, message: describe(count, firstRow) }];
}
