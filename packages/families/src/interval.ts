/** An interval of the real line; an infinite bound is always open. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
  readonly lowerClosed: boolean;
  readonly upperClosed: boolean;
}

export function openInterval(lower: number, upper: number): Interval {
  return { lower, upper, lowerClosed: false, upperClosed: false };
}

export const REAL_LINE: Interval = openInterval(-Infinity, Infinity);
export const POSITIVE: Interval = openInterval(0, Infinity);
export const UNIT: Interval = openInterval(0, 1);

export function contains(interval: Interval, x: number): boolean {
  if (Number.isNaN(x)) return false;
  const aboveLower = interval.lowerClosed ? x >= interval.lower : x > interval.lower;
  const belowUpper = interval.upperClosed ? x <= interval.upper : x < interval.upper;
  return aboveLower && belowUpper;
}

/** Whether every point of `inner` lies in `outer`. */
export function isSubinterval(inner: Interval, outer: Interval): boolean {
  const lowerOk =
    inner.lower > outer.lower ||
    (inner.lower === outer.lower && (outer.lowerClosed || !inner.lowerClosed));
  const upperOk =
    inner.upper < outer.upper ||
    (inner.upper === outer.upper && (outer.upperClosed || !inner.upperClosed));
  return lowerOk && upperOk;
}

export function formatInterval(interval: Interval): string {
  const left = interval.lowerClosed ? "[" : "(";
  const right = interval.upperClosed ? "]" : ")";
  const show = (x: number) => (x === Infinity ? "∞" : x === -Infinity ? "−∞" : String(x));
  return `${left}${show(interval.lower)}, ${show(interval.upper)}${right}`;
}
