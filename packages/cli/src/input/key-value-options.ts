import { UsageError } from "../usage-error";

/**
 * `--levels dept=15,5,10` and its kin: `column=value` pairs from repeated flags, kept in a
 * null-prototype record because the keys are user-given column names (`constructor` is a valid
 * column name).
 */
export function parseKeyValues(flag: string, entries: readonly string[]): Record<string, string> {
  const result: Record<string, string> = Object.create(null);
  for (const entry of entries) {
    const equals = entry.indexOf("=");
    if (equals <= 0 || equals === entry.length - 1) {
      throw new UsageError(`--${flag} takes column=value, not '${entry}'`);
    }
    const column = entry.slice(0, equals).trim();
    if (Object.hasOwn(result, column)) {
      throw new UsageError(`--${flag} names column '${column}' twice`);
    }
    result[column] = entry.slice(equals + 1).trim();
  }
  return result;
}

/** `--levels col=a,b,c`: the level order per column (the first level is the reference). */
export function parseLevelLists(entries: readonly string[]): Record<string, string[]> {
  const pairs = parseKeyValues("levels", entries);
  const result: Record<string, string[]> = Object.create(null);
  for (const column of Object.keys(pairs)) {
    const levels = pairs[column].split(",").map((level) => level.trim());
    const seen = new Set<string>();
    for (const level of levels) {
      if (level === "") throw new UsageError(`--levels ${column}=… has an empty level`);
      if (seen.has(level)) throw new UsageError(`--levels ${column}=… lists '${level}' twice`);
      seen.add(level);
    }
    result[column] = levels;
  }
  return result;
}

/** A comma-separated list flag (`--categorical a,b`), repeated or not. */
export function parseNameList(entries: readonly string[]): string[] {
  return entries
    .flatMap((entry) => entry.split(","))
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}
