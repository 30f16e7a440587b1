import { DataError, DimensionMismatchError } from "@mixedmodels/core";
import type { Family } from "./family";
import type { Link } from "./link";
import { tableRow, type ResponseContext } from "./response-check";

/**
 * Starting means (R's `mustart` from `family$initialize`) and the linear predictor g(μ) they
 * give, written into `mu` and `eta`.
 *
 * @throws DataError naming the column and row where g(μ) is not a valid linear predictor (R's
 *   "cannot find valid starting values", e.g. a Gaussian response ≤ 0 with the log link).
 */
export function startingValues(
  family: Family,
  link: Link,
  y: ArrayLike<number>,
  context: ResponseContext,
  mu: Float64Array,
  eta: Float64Array,
): void {
  if (mu.length !== y.length || eta.length !== y.length) {
    throw new DimensionMismatchError(
      `startingValues: y of ${y.length}, μ of ${mu.length}, η of ${eta.length}`,
    );
  }
  for (let i = 0; i < y.length; i++) {
    const w = context.weights === undefined ? 1 : context.weights[i];
    const m = family.initialMu(y[i], w);
    const e = link.link(m);
    if (!link.validEta(e)) {
      const row = tableRow(context, i);
      throw new DataError(
        `cannot find valid starting values: '${context.column}' is ${y[i]} in row ${row}, where the ${link.name} link of the ${family.name} family's starting mean ${m} is ${e}`,
        { column: context.column, row },
      );
    }
    mu[i] = m;
    eta[i] = e;
  }
}
