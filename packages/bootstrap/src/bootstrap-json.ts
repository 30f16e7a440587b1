import { ModelError } from "@mixedmodels/core";
import type { BootstrapReplicate, BootstrapResult } from "./bootstrap-types";
import { checkSameRun } from "./parametric-bootstrap";

/**
 * A bootstrap as JSON text. Numbers are written as JavaScript prints them (shortest round-trip),
 * so loading gives the same bits; NaN and ±Infinity (a failed refit) are written as strings.
 */
export function bootstrapToJSON(boot: BootstrapResult): string {
  return JSON.stringify(boot, (_, value) =>
    typeof value === "number" && !Number.isFinite(value) ? String(value) : value,
  );
}

/**
 * A bootstrap from `bootstrapToJSON`'s text. @throws ModelError when the text is not such a
 * bootstrap (wrong version, missing fields, replicates of the wrong shape).
 */
export function bootstrapFromJSON(text: string): BootstrapResult {
  const parsed = JSON.parse(text, (_, value) =>
    value === "NaN" || value === "Infinity" || value === "-Infinity" ? Number(value) : value,
  ) as BootstrapResult;
  if (parsed === null || typeof parsed !== "object" || parsed.version !== 1) {
    throw new ModelError("not a saved bootstrap (version 1)");
  }
  const { names } = parsed;
  for (const row of parsed.replicates ?? []) {
    const ok =
      Number.isSafeInteger(row.replicate) &&
      row.beta?.length === names.beta.length &&
      row.theta?.length === names.theta.length &&
      row.sds?.length === names.sds.length &&
      row.correlations?.length === names.correlations.length &&
      row.stderror?.length === names.beta.length;
    if (!ok)
      throw new ModelError(`saved bootstrap: replicate ${row.replicate} has the wrong shape`);
  }
  return parsed;
}

/**
 * Two parts of one run (same model, seed and parameters) as one: replicates of both, by index.
 * A replicate in both must be identical (it is, when both computed it).
 * @throws ModelError for runs that differ, or a replicate that differs between them.
 */
export function combineBootstraps(a: BootstrapResult, b: BootstrapResult): BootstrapResult {
  checkSameRun(a, b);
  const byIndex = new Map<number, BootstrapReplicate>();
  for (const row of a.replicates) byIndex.set(row.replicate, row);
  for (const row of b.replicates) {
    const existing = byIndex.get(row.replicate);
    if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(row)) {
      throw new ModelError(`replicate ${row.replicate} differs between the two runs`);
    }
    byIndex.set(row.replicate, row);
  }
  const replicates = [...byIndex.values()].sort((x, y) => x.replicate - y.replicate);
  const complete = replicates.every((row, i) => row.replicate === i);
  return { ...a, replicates, complete };
}
