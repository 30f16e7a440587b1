/**
 * Level order for a categorical column built from raw labels: numeric order when every label is a
 * number (so "10" follows "9"), otherwise UTF-16 code-unit order, which is R's `factor()` in the
 * C locale.
 */
export function orderLevels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  if (unique.every(isNumericLabel)) {
    return unique.sort((a, b) => Number(a) - Number(b) || compareCodeUnits(a, b));
  }
  return unique.sort(compareCodeUnits);
}

/** True when the label is a finite number written in a form `Number()` accepts. */
export function isNumericLabel(label: string): boolean {
  return label.trim() !== "" && Number.isFinite(Number(label));
}

export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Label of a number as a level: integers without a decimal point, as R prints them. */
export function numberLabel(value: number): string {
  return String(value);
}
