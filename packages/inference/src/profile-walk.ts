/**
 * One profiled parameter: ζ(x) = sign(x − x̂)·√(d_min(x) − d̂) on a grid walked out from x̂
 * in both directions, and the inversion of ζ into interval ends.
 */

/** ζ at a value, with the state (the other parameters' optimum) to warm-start neighbours. */
export interface ZetaPoint {
  readonly value: number;
  readonly zeta: number;
  readonly state: Float64Array;
}

export type ZetaFunction = (value: number, warmStart: Float64Array) => ZetaPoint;

export interface WalkSettings {
  readonly estimate: number;
  /** The state at the estimate (the joint optimum). */
  readonly state: Float64Array;
  readonly initialStep: number;
  readonly lower: number;
  readonly upper: number;
  /** Stop once |ζ| exceeds this. */
  readonly zetaMax: number;
}

/** Target change of ζ per grid step: about 12 points from 0 to 2.6, as lme4's default grid. */
const zetaStep = 0.25;
const maxSteps = 60;

/** The grid, sorted by value, with ζ = 0 at the estimate. */
export function walkProfile(zetaAt: ZetaFunction, settings: WalkSettings): ZetaPoint[] {
  const centre: ZetaPoint = { value: settings.estimate, zeta: 0, state: settings.state };
  const lower = walkOneWay(zetaAt, settings, centre, -1);
  const upper = walkOneWay(zetaAt, settings, centre, 1);
  return [...lower.reverse(), centre, ...upper];
}

function walkOneWay(
  zetaAt: ZetaFunction,
  settings: WalkSettings,
  centre: ZetaPoint,
  direction: -1 | 1,
): ZetaPoint[] {
  const points: ZetaPoint[] = [];
  let previous = centre;
  let step = settings.initialStep;
  const bound = direction < 0 ? settings.lower : settings.upper;
  for (let k = 0; k < maxSteps; k++) {
    let value = previous.value + direction * step;
    const atBound = direction < 0 ? value <= bound : value >= bound;
    if (atBound) value = bound;
    const point = zetaAt(value, previous.state);
    points.push(point);
    if (atBound || Math.abs(point.zeta) >= settings.zetaMax || !Number.isFinite(point.zeta)) break;
    // Next step from the local slope of ζ, growing at most fourfold (flat stretches) per step.
    const slope = Math.abs((point.zeta - previous.zeta) / (point.value - previous.value));
    const proposal = slope > 0 ? zetaStep / slope : 4 * step;
    step = Math.min(Math.max(proposal, step / 4), 4 * step);
    previous = point;
  }
  return points;
}

/**
 * The value where ζ crosses `target`: bracketed on the grid, then refined by the Illinois
 * variant of regula falsi on ζ itself (each evaluation a profile optimization warm-started from
 * the bracket), so the end does not depend on the grid's spacing. When ζ never reaches the
 * target before a bound (an sd whose interval reaches 0), the end is the bound.
 */
export function invertZeta(
  grid: readonly ZetaPoint[],
  target: number,
  zetaAt: ZetaFunction,
  bounds: readonly [number, number],
): number {
  const upwards = target > 0;
  const side = upwards
    ? grid.filter((p) => p.zeta >= 0)
    : grid.filter((p) => p.zeta <= 0).reverse();
  // side runs outward from the estimate
  for (let i = 1; i < side.length; i++) {
    const inner = side[i - 1];
    const outer = side[i];
    if ((outer.zeta - target) * (inner.zeta - target) <= 0)
      return refine(inner, outer, target, zetaAt);
  }
  const last = side[side.length - 1];
  const bound = upwards ? bounds[1] : bounds[0];
  if (last !== undefined && last.value === bound) return bound;
  return Number.NaN;
}

function refine(a0: ZetaPoint, b0: ZetaPoint, target: number, zetaAt: ZetaFunction): number {
  let a = a0;
  let b = b0;
  let fa = a.zeta - target;
  let fb = b.zeta - target;
  if (fa === 0) return a.value;
  if (fb === 0) return b.value;
  let side = 0;
  const tolerance = 1e-9 * (Math.abs(a.value) + Math.abs(b.value) + 1e-12);
  for (let iteration = 0; iteration < 40; iteration++) {
    const value = (a.value * fb - b.value * fa) / (fb - fa);
    const point = zetaAt(
      value,
      Math.abs(value - a.value) < Math.abs(value - b.value) ? a.state : b.state,
    );
    const f = point.zeta - target;
    if (Math.abs(f) < 1e-9 || Math.abs(b.value - a.value) < tolerance) return value;
    if (f * fb > 0) {
      b = point;
      fb = f;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = point;
      fa = f;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return (a.value * fb - b.value * fa) / (fb - fa);
}
