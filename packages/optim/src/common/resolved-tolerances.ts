import type { MinimizeOptionsV1 } from "@mixedmodels/core";
import { ModelError } from "@mixedmodels/core";

/** The NLopt-style stopping tolerances of one `minimize` call; 0 disables a test. */
export interface ResolvedTolerances {
  readonly ftolRel: number;
  readonly ftolAbs: number;
  readonly xtolAbs: number;
}

function nonNegative(name: string, value: number | undefined): number {
  if (value === undefined) return 0;
  if (!(value >= 0)) throw new ModelError(`${name} must be a non-negative number, got ${value}`);
  return value;
}

/** Reads the tolerances from the options; absent ones are 0 (disabled), as in NLopt. */
export function resolveTolerances(options: MinimizeOptionsV1): ResolvedTolerances {
  return {
    ftolRel: nonNegative("ftolRel", options.ftolRel),
    ftolAbs: nonNegative("ftolAbs", options.ftolAbs),
    xtolAbs: nonNegative("xtolAbs", options.xtolAbs),
  };
}

/** NLopt's f test: true when going from `previous` to `current` changed f by a negligible amount. */
export function fChangeNegligible(
  tolerances: ResolvedTolerances,
  previous: number,
  current: number,
): boolean {
  if (!Number.isFinite(previous)) return false;
  const change = Math.abs(current - previous);
  return (
    change < tolerances.ftolAbs ||
    change < 0.5 * tolerances.ftolRel * (Math.abs(current) + Math.abs(previous)) ||
    (tolerances.ftolRel > 0 && change === 0)
  );
}

/** NLopt's x test: true when every coordinate of a step moved by less than xtolAbs. */
export function xChangeNegligible(
  tolerances: ResolvedTolerances,
  previous: Float64Array,
  current: Float64Array,
): boolean {
  if (tolerances.xtolAbs <= 0) return false;
  for (let i = 0; i < current.length; i++) {
    if (!(Math.abs(current[i] - previous[i]) < tolerances.xtolAbs)) return false;
  }
  return true;
}
