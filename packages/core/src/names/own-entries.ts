/**
 * A record of user-given names (options keyed by column, level or term) as a `Map` of its own
 * enumerable entries. Reading the record directly would find `Object.prototype` members for
 * names like `constructor` or `toString`; a `Map` has no such names.
 */
export function ownEntries<T>(record: Readonly<Record<string, T>> | undefined): Map<string, T> {
  const entries = new Map<string, T>();
  if (record === undefined || record === null) return entries;
  for (const key of Object.keys(record)) entries.set(key, record[key]);
  return entries;
}

/** An empty object without a prototype, safe to index by any user-given name. */
export function nameRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
