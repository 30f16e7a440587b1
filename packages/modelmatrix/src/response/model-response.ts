import { DataError, tableColumn } from "@mixedmodels/core";
import { type Expr, formatExpr } from "@mixedmodels/formula";
import { evaluateNumeric } from "../evaluate/evaluate-numeric";
import type { EvaluationContext } from "../evaluate/evaluation-context";
import type { ModelPartsWarning, ResponseKind } from "../types";

/** The response as the model reads it. */
export interface ModelResponse {
  readonly y: Float64Array;
  readonly kind: ResponseKind;
  /** successes + failures per row for a `cbind(successes, failures)` response, else null. */
  readonly trials: Float64Array | null;
  /** [failure, success] labels of a binary factor response, else null. */
  readonly levels: readonly [string, string] | null;
  readonly warnings: readonly ModelPartsWarning[];
}

/**
 * Evaluates the response on the rows used: arithmetic on numeric columns; lme4's
 * `cbind(successes, failures)` as the proportion s/(s+f) with s+f trials; and, with
 * `binary: true` (binomial families), a boolean or two-level factor as 0/1 with the first level
 * the failure, as R's `binomial()` reads a factor.
 *
 * @throws DataError for a categorical response without `binary` (or with more than two levels),
 *   a negative count or a row with no trials in `cbind`, or a constant response.
 */
export function modelResponse(
  response: Expr,
  name: string,
  context: EvaluationContext,
  binary: boolean,
): ModelResponse {
  let result: ModelResponse;
  if (response.kind === "call" && response.name === "cbind") {
    result = cbindResponse(response, name, context);
  } else if (
    response.kind === "variable" &&
    tableColumn(context.table, response.name)?.kind === "categorical"
  ) {
    if (!binary) {
      throw new DataError(
        `the response '${name}' is categorical; a linear mixed model needs a numeric response (for a binomial model of a two-level factor, pass binaryResponse: true)`,
        { column: response.name },
      );
    }
    result = binaryResponse(response.name, context);
  } else {
    const y = evaluateNumeric(response, context, name);
    result = { y, kind: "numeric", trials: null, levels: null, warnings: [] };
  }
  checkNotConstant(result.y, name);
  return result;
}

function checkNotConstant(y: Float64Array, name: string): void {
  for (let t = 1; t < y.length; t++) if (y[t] !== y[0]) return;
  throw new DataError(
    `the response '${name}' is constant (${y[0]}) in all ${y.length} rows used; there is no variation to model`,
    { column: name },
  );
}

function cbindResponse(
  call: Extract<Expr, { kind: "call" }>,
  name: string,
  context: EvaluationContext,
): ModelResponse {
  const [successArg, failureArg] = call.args;
  const text = (expr: Expr) => (expr.kind === "variable" ? expr.name : formatExpr(expr));
  const successes = evaluateNumeric(successArg, context, name);
  const failures = evaluateNumeric(failureArg, context, name);
  const n = successes.length;
  const y = new Float64Array(n);
  const trials = new Float64Array(n);
  let nonInteger = -1;
  for (let t = 0; t < n; t++) {
    const s = successes[t];
    const f = failures[t];
    const row = context.rows[t];
    if (s < 0 || f < 0) {
      const column = s < 0 ? text(successArg) : text(failureArg);
      throw new DataError(
        `${name} has a negative count in row ${row} (${s} successes, ${f} failures); counts must be ≥ 0`,
        { column, row },
      );
    }
    const total = s + f;
    if (total === 0) {
      throw new DataError(
        `${name} has no trials in row ${row} (0 successes and 0 failures); drop the row or set it missing`,
        { column: text(successArg), row },
      );
    }
    if (nonInteger < 0 && (!Number.isInteger(s) || !Number.isInteger(f))) nonInteger = row;
    y[t] = s / total;
    trials[t] = total;
  }
  const warnings: ModelPartsWarning[] =
    nonInteger < 0
      ? []
      : [
          {
            code: "non-integer-counts",
            message: `${name} has non-integer counts (first in row ${nonInteger}); binomial counts are usually whole numbers`,
            column: text(successArg),
          },
        ];
  return { y, kind: "cbind", trials, levels: null, warnings };
}

function binaryResponse(column: string, context: EvaluationContext): ModelResponse {
  const data = tableColumn(context.table, column);
  if (data?.kind !== "categorical") throw new DataError(`column '${column}' not found`, { column });
  const { rows } = context;
  const present = new Uint8Array(data.levels.length);
  for (let t = 0; t < rows.length; t++) present[data.codes[rows[t]]] = 1;
  const used: number[] = [];
  for (let level = 0; level < present.length; level++) if (present[level]) used.push(level);
  if (used.length > 2) {
    const shown = used.slice(0, 5).map((level) => `'${data.levels[level]}'`);
    throw new DataError(
      `the response '${column}' has ${used.length} levels (${shown.join(", ")}${used.length > 5 ? ", ..." : ""}); a binary response needs two`,
      { column },
    );
  }
  const success = used.length === 2 ? used[1] : -1;
  const y = new Float64Array(rows.length);
  for (let t = 0; t < rows.length; t++) y[t] = data.codes[rows[t]] === success ? 1 : 0;
  const levels: readonly [string, string] | null =
    used.length === 2 ? [data.levels[used[0]], data.levels[used[1]]] : null;
  return { y, kind: "binary", trials: null, levels, warnings: [] };
}
