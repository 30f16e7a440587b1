// A third-party optimizer: any object meeting the OptimizerV1 specification can fit a model.
// This one is a compass search (try ±step along each axis; halve the step when nothing improves),
// written against the spec alone, with no code from @mixedmodels/optim.
import { dyestuff, sleepstudy } from "@mixedmodels/datasets";
import { bobyqa, fit, isOptimizerV1, lmm } from "mixedmodels";

function compassSearch({ finalStep = 1e-7 } = {}) {
  return {
    specificationVersion: "v1",
    name: "compass-search",
    capabilities: { bounds: true, usesGradient: false },
    minimize(objective, start, options = {}) {
      const n = objective.dimension;
      const lower = options.bounds?.lower ?? new Float64Array(n).fill(-Infinity);
      const upper = options.bounds?.upper ?? new Float64Array(n).fill(Infinity);
      const budget = options.maxEvaluations ?? 10_000;
      const x = start.map((v, i) => Math.min(Math.max(v, lower[i]), upper[i])); // a copy, in the box
      let evaluations = 0;
      const evaluate = (point) => {
        evaluations++;
        let value;
        try {
          value = objective.value(point);
        } catch {
          value = Infinity;
        }
        if (Number.isNaN(value)) value = Infinity;
        options.onEvaluation?.(Float64Array.from(point), value);
        return value;
      };
      const done = (value, status, message) => ({ theta: x, value, evaluations, status, message });
      if (options.signal?.aborted) return done(Number.NaN, "aborted", "aborted before starting");
      let best = evaluate(x);
      if (!Number.isFinite(best)) return done(best, "failed", "cannot evaluate the start point");
      const initial = options.initialStep ?? 0.5;
      let step = typeof initial === "number" ? initial : Math.max(...initial);
      const trial = new Float64Array(n);
      while (step > finalStep) {
        let improved = false;
        for (let i = 0; i < n && !improved; i++) {
          for (const sign of [1, -1]) {
            if (options.signal?.aborted) return done(best, "aborted", "aborted");
            if (evaluations >= budget) return done(best, "maxEvaluations", "budget spent");
            trial.set(x);
            trial[i] = Math.min(Math.max(x[i] + sign * step, lower[i]), upper[i]);
            if (trial[i] === x[i]) continue;
            const value = evaluate(trial);
            if (value < best) {
              best = value;
              x.set(trial);
              improved = true;
              break;
            }
          }
        }
        if (!improved) step /= 2;
      }
      return done(best, "converged", `the step fell below ${finalStep}`);
    },
  };
}

const custom = compassSearch();
console.log(`compass search meets OptimizerV1: ${isOptimizerV1(custom)}`);

for (const [name, formula, data] of [
  ["dyestuff", "Yield ~ 1 + (1 | Batch)", dyestuff],
  ["sleepstudy", "Reaction ~ 1 + Days + (1 + Days | Subject)", sleepstudy],
]) {
  const withCustom = fit(lmm(formula, data), { optimizer: custom });
  const withBobyqa = fit(lmm(formula, data), { optimizer: bobyqa() });
  const a = withCustom.summary().optimization;
  const b = withBobyqa.summary().optimization;
  console.log(
    `${name}: compass search ${withCustom.objective.toFixed(6)} in ${a.evaluations} evaluations (${a.status}); ` +
      `bobyqa ${withBobyqa.objective.toFixed(6)} in ${b.evaluations}`,
  );
}
