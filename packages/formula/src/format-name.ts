/** A name R would accept without backticks: a letter, or a dot not followed by a digit, first. */
const SYNTACTIC_NAME = /^(?:\p{L}|\.(?!\p{Nd}))[\p{L}\p{N}._]*$/u;

/** Whether `name` can be written bare in a formula (otherwise it needs backticks). */
export function isSyntacticName(name: string): boolean {
  // A bare `.` means "all other columns" in R, so a column named "." needs backticks.
  return name !== "." && SYNTACTIC_NAME.test(name);
}

/**
 * A column name as formula text: bare when syntactic (`Days`, `log.dose`), else in backticks
 * (`` `reaction time` ``), as R prints non-syntactic names in term labels.
 */
export function formatName(name: string): string {
  return isSyntacticName(name) ? name : `\`${name}\``;
}
