import { ModelError } from "@mixedmodels/core";
import type { BootstrapResult } from "./bootstrap-types";

/** One parameter's interval. */
export interface BootstrapInterval {
  readonly parameter: string;
  readonly lower: number;
  readonly upper: number;
}

/**
 * The bootstrap distribution per parameter, in lme4's `confint` order: random-effect sds and
 * correlations, `sigma` (linear models), then the fixed effects. NaN values (failed refits) are
 * left out.
 */
export function bootstrapColumns(boot: BootstrapResult): Map<string, Float64Array> {
  const columns = new Map<string, Float64Array>();
  const add = (name: string, pick: (row: BootstrapResult["replicates"][number]) => number) => {
    const values = boot.replicates.map(pick).filter((value) => !Number.isNaN(value));
    columns.set(name, Float64Array.from(values));
  };
  const { names } = boot;
  for (let k = 0; k < names.sds.length; k++) add(names.sds[k], (row) => row.sds[k]);
  for (let k = 0; k < names.correlations.length; k++) {
    add(names.correlations[k], (row) => row.correlations[k]);
  }
  // A Bernoulli, binomial or Poisson model has no σ (it is 1 in every row), as lme4's confint
  // of a glmer fit has none.
  if (boot.generalized === undefined) add("sigma", (row) => row.sigma);
  for (let k = 0; k < names.beta.length; k++) add(names.beta[k], (row) => row.beta[k]);
  return columns;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new ModelError(`the coverage level must be in (0, 1), got ${level}`);
  }
}

/**
 * The shortest interval containing a proportion `level` of the replicates (MixedModels.jl's
 * `shortestcovint`): over the sorted values, the narrowest window of ⌈level·n⌉ of them.
 */
export function shortestCoverage(boot: BootstrapResult, level = 0.95): BootstrapInterval[] {
  checkLevel(level);
  return [...bootstrapColumns(boot)].map(([parameter, values]) => {
    const sorted = Float64Array.from(values).sort();
    const n = sorted.length;
    if (n === 0) return { parameter, lower: Number.NaN, upper: Number.NaN };
    const inside = Math.min(n, Math.ceil(level * n));
    let best = 0;
    for (let i = 1; i + inside - 1 < n; i++) {
      if (sorted[i + inside - 1] - sorted[i] < sorted[best + inside - 1] - sorted[best]) best = i;
    }
    return { parameter, lower: sorted[best], upper: sorted[best + inside - 1] };
  });
}

/** R's default (type 7) quantile of sorted values. */
function quantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Equal-tail (percentile) intervals: the (1 − level)/2 and (1 + level)/2 quantiles (type 7). */
export function equalTailIntervals(boot: BootstrapResult, level = 0.95): BootstrapInterval[] {
  checkLevel(level);
  return [...bootstrapColumns(boot)].map(([parameter, values]) => {
    const sorted = Float64Array.from(values).sort();
    return {
      parameter,
      lower: quantile(sorted, (1 - level) / 2),
      upper: quantile(sorted, (1 + level) / 2),
    };
  });
}

/**
 * Bootstrap confidence intervals: equal-tail percentiles (default, as lme4's
 * `confint(method = "boot")`) or the shortest coverage intervals.
 */
export function confint(
  boot: BootstrapResult,
  options: { level?: number; method?: "percentile" | "shortest" } = {},
): BootstrapInterval[] {
  const level = options.level ?? 0.95;
  return options.method === "shortest"
    ? shortestCoverage(boot, level)
    : equalTailIntervals(boot, level);
}
