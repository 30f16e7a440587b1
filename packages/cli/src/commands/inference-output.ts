import {
  type ConfidenceIntervals,
  coeftable,
  confint,
  confintBootstrap,
  summaryWithTests,
} from "@mixedmodels/inference";
import { formatSignificant, renderTable } from "@mixedmodels/report";
import { formatSummary, type LinearMixedModel } from "mixedmodels";
import type { OutputFormat } from "../fit-arguments";
import { UsageError } from "../usage-error";

// `fit --ddf satterthwaite|kenward-roger` and `--confint wald|profile|boot` (@mixedmodels/inference):
// the summary's t table with denominator df, an interval table, and their JSON fields.

export type DdfFlag = "satterthwaite" | "kenward-roger";
export type ConfintFlag = "wald" | "profile" | "boot";

const ddfFlags: readonly string[] = ["satterthwaite", "kenward-roger"];
const confintFlags: readonly string[] = ["wald", "profile", "boot"];

/** Check the two flags. @throws UsageError naming the bad value */
export function parseInferenceFlags(values: { ddf?: string; confint?: string }): {
  ddf: DdfFlag | undefined;
  confint: ConfintFlag | undefined;
} {
  if (values.ddf !== undefined && !ddfFlags.includes(values.ddf))
    throw new UsageError(`--ddf must be satterthwaite or kenward-roger, not '${values.ddf}'`);
  if (values.confint !== undefined && !confintFlags.includes(values.confint))
    throw new UsageError(`--confint must be wald, profile or boot, not '${values.confint}'`);
  return {
    ddf: values.ddf as DdfFlag | undefined,
    confint: values.confint as ConfintFlag | undefined,
  };
}

export interface InferenceFlags {
  readonly ddf: DdfFlag | undefined;
  readonly confint: ConfintFlag | undefined;
}

function checkReml(model: LinearMixedModel, flags: InferenceFlags): void {
  if (flags.ddf === "kenward-roger" && !model.reml)
    throw new UsageError("--ddf kenward-roger needs a REML fit: add --reml");
}

async function intervalsOf(
  model: LinearMixedModel,
  method: ConfintFlag,
): Promise<ConfidenceIntervals> {
  return method === "boot" ? confintBootstrap(model) : confint(model, { method });
}

/** The summary (with the df table when --ddf) and the interval table (with --confint). */
export async function inferenceText(
  model: LinearMixedModel,
  flags: InferenceFlags,
  format: OutputFormat,
): Promise<string> {
  checkReml(model, flags);
  const summary = flags.ddf === undefined ? model.summary() : summaryWithTests(model, flags.ddf);
  const text = formatSummary(summary, { format });
  if (flags.confint === undefined) return text;
  const intervals = await intervalsOf(model, flags.confint);
  const percent = (p: number) => `${formatSignificant(100 * p, 4)} %`;
  const table = renderTable(
    {
      columns: [
        { header: "", align: "left" },
        { header: percent((1 - intervals.level) / 2), align: "decimal" },
        { header: percent((1 + intervals.level) / 2), align: "decimal" },
      ],
      rows: intervals.names.map((name, i) => [
        name,
        formatSignificant(intervals.lower[i]),
        formatSignificant(intervals.upper[i]),
      ]),
    },
    format,
    { rules: true },
  );
  const title = `Confidence intervals (${intervals.method}, ${100 * intervals.level}%):`;
  return `${text}\n\n  ${title}\n${table}`;
}

/** JSON number or null (JSON has no NaN). */
function jsonNumber(value: number): number | null {
  return Number.isFinite(value) ? value + 0 : null;
}

/** The fields `--json` gains: `tests` (df, t, p per coefficient) and `intervals`. */
export async function inferenceJson(
  model: LinearMixedModel,
  flags: InferenceFlags,
): Promise<Record<string, unknown>> {
  checkReml(model, flags);
  const out: Record<string, unknown> = {};
  if (flags.ddf !== undefined) {
    const rows = coeftable(model, { ddf: flags.ddf }).rows;
    out.tests = {
      method: flags.ddf,
      names: rows.map((row) => row.name),
      stderror: rows.map((row) => jsonNumber(row.stderror)),
      df: rows.map((row) => jsonNumber(row.df ?? Number.NaN)),
      t: rows.map((row) => jsonNumber(row.statistic)),
      p: rows.map((row) => jsonNumber(row.p)),
    };
  }
  if (flags.confint !== undefined) {
    const intervals = await intervalsOf(model, flags.confint);
    out.intervals = {
      method: intervals.method,
      level: intervals.level,
      names: intervals.names,
      lower: intervals.lower.map(jsonNumber),
      upper: intervals.upper.map(jsonNumber),
    };
  }
  return out;
}
