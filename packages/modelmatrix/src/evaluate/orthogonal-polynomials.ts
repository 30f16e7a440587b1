import { DataError } from "@mixedmodels/core";

/**
 * Orthogonal polynomials of degree 1..degree evaluated at x, as R's `poly(x, degree)`: each
 * column has unit Euclidean norm, is orthogonal to the constant and to the lower-degree columns,
 * and has a positive leading coefficient. Built with the three-term (Stieltjes) recurrence that
 * R's `predict.poly` uses, so the columns equal R's up to rounding.
 *
 * @returns `degree` columns of length x.length
 * @throws DataError when x has no more than `degree` distinct values (R's condition).
 */
export function orthogonalPolynomials(
  x: Float64Array,
  degree: number,
  label: string,
): Float64Array[] {
  const n = x.length;
  if (!Number.isInteger(degree) || degree < 1) {
    throw new DataError(`degree of '${label}' must be a positive integer`);
  }
  const distinct = new Set(x).size;
  if (degree >= distinct) {
    throw new DataError(
      `'${label}' needs more than ${degree} distinct values, but the rows used have ${distinct}`,
    );
  }
  const columns: Float64Array[] = [];
  let previous = new Float64Array(n).fill(1);
  let previousNorm2 = n;
  let beforePreviousNorm2 = 1;
  let current = new Float64Array(n);
  let beforePrevious = new Float64Array(n);
  for (let d = 0; d < degree; d++) {
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += x[i] * previous[i] * previous[i];
    const alpha = weighted / previousNorm2;
    const beta = d === 0 ? 0 : previousNorm2 / beforePreviousNorm2;
    let norm2 = 0;
    for (let i = 0; i < n; i++) {
      const value = (x[i] - alpha) * previous[i] - beta * beforePrevious[i];
      current[i] = value;
      norm2 += value * value;
    }
    const scale = 1 / Math.sqrt(norm2);
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = current[i] * scale;
    columns.push(column);
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
    beforePreviousNorm2 = previousNorm2;
    previousNorm2 = norm2;
  }
  return columns;
}
