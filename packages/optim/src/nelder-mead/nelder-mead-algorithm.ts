import type { BoxProblem } from "../common/box-problem";
import { fChangeNegligible, type ResolvedTolerances } from "../common/resolved-tolerances";
import type { AlgorithmOutcome } from "../common/run-minimization";

/** Nelder–Mead's resolved settings for one run, in the problem's internal units. */
export interface NelderMeadRunSettings {
  /** The simplex has converged when every vertex is this close to the best, per coordinate. */
  readonly minSimplexSize: number;
  /** Fresh simplices built around the best point after convergence, to escape a collapse. */
  readonly restarts: number;
}

/**
 * The Nelder–Mead simplex method with the dimension-adaptive coefficients of Gao and Han (2012):
 * reflection 1, expansion 1 + 2/n, contraction ¾ − 1/(2n), shrink 1 − 1/n for n > 2, and the
 * classical 1, 2, ½, ½ for n ≤ 2. Trial points are projected onto the box. Converges when the simplex is smaller than minSimplexSize, when the spread of
 * its values passes NLopt's ftol test, or when every vertex is within xtolAbs of the best; then
 * restarts from the best point with a fresh simplex, up to `restarts` times, as long as the
 * previous round improved f.
 */
export function nelderMeadAlgorithm(
  problem: BoxProblem,
  startValue: number,
  tolerances: ResolvedTolerances,
  settings: NelderMeadRunSettings,
): AlgorithmOutcome {
  const n = problem.dimension;
  const { lower, upper } = problem;
  const reflection = 1;
  const expansion = n > 2 ? 1 + 2 / n : 2;
  const contraction = n > 2 ? 0.75 - 1 / (2 * n) : 0.5;
  const shrinkage = n > 2 ? 1 - 1 / n : 0.5;

  const vertices = new Float64Array((n + 1) * n);
  const values = new Float64Array(n + 1);
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const candidate = new Float64Array(n);
  const order = new Int32Array(n + 1);

  const project = (x: Float64Array): void => {
    for (let i = 0; i < n; i++) x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
  };
  // x = from + factor·(to − from), projected.
  const along = (out: Float64Array, from: Float64Array, to: Float64Array, factor: number): void => {
    for (let i = 0; i < n; i++) out[i] = from[i] + factor * (to[i] - from[i]);
    project(out);
  };
  const vertex = (k: number): Float64Array => vertices.subarray(k * n, k * n + n);

  const buildSimplex = (step: number): void => {
    // Vertex 0 is the best point (value known); the others step along each axis, inward at bounds.
    const base = vertex(0);
    for (let i = 0; i < n; i++) {
      const v = vertex(i + 1);
      v.set(base);
      const up = base[i] + step <= upper[i];
      const down = base[i] - step >= lower[i];
      v[i] += up || !down ? step : -step;
      if (!up && !down) v[i] = upper[i] - base[i] > base[i] - lower[i] ? upper[i] : lower[i];
      project(v);
      values[i + 1] = problem.evaluate(v);
    }
  };

  vertex(0).set(problem.start);
  values[0] = startValue;
  let step = problem.initialStep;
  let restartsLeft = settings.restarts;
  let roundStartValue = startValue;
  buildSimplex(step);

  for (;;) {
    for (let k = 0; k <= n; k++) order[k] = k;
    order.sort((a, b) => values[a] - values[b]);
    const best = order[0];
    const worst = order[n];
    const secondWorst = order[n - 1];

    let spread = 0;
    for (let k = 0; k <= n; k++) {
      if (k === best) continue;
      spread = Math.max(spread, problem.largestThetaChange(vertex(best), vertex(k)));
    }
    const tiny = spread <= settings.minSimplexSize;
    const fFlat =
      Number.isFinite(values[worst]) && fChangeNegligible(tolerances, values[worst], values[best]);
    const xFlat = spread < tolerances.xtolAbs;
    if (tiny || fFlat || xFlat) {
      const improved = values[best] < roundStartValue;
      if (restartsLeft > 0 && improved && !xFlat) {
        restartsLeft--;
        roundStartValue = values[best];
        step = Math.max(Math.min(step, 10 * spread), settings.minSimplexSize * 10);
        if (best !== 0) {
          vertex(0).set(vertex(best));
          values[0] = values[best];
        }
        buildSimplex(step);
        continue;
      }
      const reason = fFlat
        ? "the simplex's values differ by less than ftolRel·|f| or ftolAbs"
        : xFlat
          ? "every vertex is within xtolAbs of the best"
          : "the simplex shrank below minSimplexSize";
      return { status: "converged", message: reason };
    }

    centroid.fill(0);
    for (let k = 0; k <= n; k++) {
      if (k === worst) continue;
      const v = vertex(k);
      for (let i = 0; i < n; i++) centroid[i] += v[i] / n;
    }
    const xWorst = vertex(worst);
    along(reflected, centroid, xWorst, -reflection);
    const fReflected = problem.evaluate(reflected);

    if (fReflected < values[best]) {
      along(candidate, centroid, reflected, expansion);
      const fExpanded = problem.evaluate(candidate);
      if (fExpanded < fReflected) {
        xWorst.set(candidate);
        values[worst] = fExpanded;
      } else {
        xWorst.set(reflected);
        values[worst] = fReflected;
      }
      continue;
    }
    if (fReflected < values[secondWorst]) {
      xWorst.set(reflected);
      values[worst] = fReflected;
      continue;
    }
    const outside = fReflected < values[worst];
    along(candidate, centroid, outside ? reflected : xWorst, contraction);
    const fContracted = problem.evaluate(candidate);
    if (outside ? fContracted <= fReflected : fContracted < values[worst]) {
      xWorst.set(candidate);
      values[worst] = fContracted;
      continue;
    }
    const xBest = vertex(best);
    for (let k = 0; k <= n; k++) {
      if (k === best) continue;
      along(vertex(k), xBest, vertex(k), shrinkage);
      values[k] = problem.evaluate(vertex(k));
    }
  }
}
