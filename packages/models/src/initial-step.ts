/**
 * NLopt's default initial step for a start x within bounds [lower, upper]: a quarter of a finite
 * range, shrunk to 0.75 of the distance to a near bound, else |x|, else 1. For θ = [1, 0, 1] with
 * lower bounds [0, −∞, 0] this gives [0.75, 1, 0.75], the value MixedModels.jl records.
 */
export function defaultInitialStep(
  x: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): Float64Array {
  const step = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let value = Number.POSITIVE_INFINITY;
    if (Number.isFinite(upper[i]) && Number.isFinite(lower[i]))
      value = 0.25 * (upper[i] - lower[i]);
    if (Number.isFinite(upper[i]) && upper[i] - x[i] < value && upper[i] > x[i]) {
      value = 0.75 * (upper[i] - x[i]);
    }
    if (Number.isFinite(lower[i]) && x[i] - lower[i] < value && x[i] > lower[i]) {
      value = 0.75 * (x[i] - lower[i]);
    }
    if (!Number.isFinite(value) || value === 0) value = Math.abs(x[i]);
    if (!Number.isFinite(value) || value === 0) value = 1;
    step[i] = value;
  }
  return step;
}
