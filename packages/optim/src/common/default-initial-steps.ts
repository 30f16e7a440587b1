/** No heuristic step is below this fraction of max(1, |x|). */
const minimumStepFraction = 1e-3;

/**
 * Per-coordinate initial steps when the caller gives none, following NLopt's documented
 * heuristic: a quarter of a finite box width, shrunk to 3/4 of the distance to a nearby bound the
 * start does not sit on, else |x| (or 1 at x = 0); but never below 1e-3·max(1, |x|). For lme4's sleepstudy start θ = (1, 0, 1)
 * with lower bounds (0, −∞, 0) this gives (0.75, 1, 0.75), the steps MixedModels.jl records.
 */
export function defaultInitialSteps(
  start: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
): Float64Array {
  const steps = new Float64Array(start.length);
  for (let i = 0; i < start.length; i++) {
    const x = start[i];
    let step = Number.POSITIVE_INFINITY;
    if (Number.isFinite(lower[i]) && Number.isFinite(upper[i]) && upper[i] > lower[i]) {
      step = Math.min(step, 0.25 * (upper[i] - lower[i]));
    }
    if (Number.isFinite(upper[i]) && upper[i] > x && upper[i] - x < step) {
      step = 0.75 * (upper[i] - x);
    }
    if (Number.isFinite(lower[i]) && x > lower[i] && x - lower[i] < step) {
      step = 0.75 * (x - lower[i]);
    }
    if (!Number.isFinite(step)) step = x !== 0 ? Math.abs(x) : 1;
    // A start a hair from a bound, or a tiny |x|, must not give a step below the problem's scale.
    steps[i] = Math.max(step, minimumStepFraction * Math.max(1, Math.abs(x)));
  }
  return steps;
}
