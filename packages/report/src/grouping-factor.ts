/**
 * The grouping factor of a variance-components group: lme4 names a second term on the same factor
 * `Subject.1` (`(1|Subject) + (0+Days|Subject)`), and both belong to the factor `Subject`.
 */
export function groupingFactorOf(group: string): string {
  return group.replace(/\.\d+$/, "");
}
