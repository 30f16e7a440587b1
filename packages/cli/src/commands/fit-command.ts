import { existsSync } from "node:fs";
import { datasetNames, loadDataset } from "@mixedmodels/datasets";
import type { DataTable } from "mixedmodels";
import { fit, formatSummary, lmm, readCsvFile } from "mixedmodels";
import type { CliIo } from "../io";
import { createProgressIndicator } from "../progress-indicator";
import { toFitJson } from "../summary-json";
import { UsageError } from "../usage-error";

export interface FitCommandOptions {
  readonly source: string;
  readonly formula: string;
  readonly reml: boolean;
  readonly categorical: readonly string[];
  readonly format: "text" | "markdown" | "html" | "latex";
  readonly json: boolean;
  readonly verbose: boolean;
}

async function loadTable(source: string, categorical: readonly string[]): Promise<DataTable> {
  const datasetName = source.toLowerCase();
  if ((datasetNames as readonly string[]).includes(datasetName) && !existsSync(source)) {
    return loadDataset(datasetName as (typeof datasetNames)[number]);
  }
  if (!existsSync(source)) {
    throw new UsageError(
      `no file '${source}' and no embedded dataset of that name (datasets: ${datasetNames.join(", ")})`,
    );
  }
  return readCsvFile(source, { categorical: [...categorical] });
}

export async function runFitCommand(options: FitCommandOptions, io: CliIo): Promise<number> {
  const table = await loadTable(options.source, options.categorical);
  const started = performance.now();
  const model = lmm(options.formula, table, { categorical: [...options.categorical] });
  const progress = createProgressIndicator(io, started);
  fit(model, {
    reml: options.reml,
    progress: (evaluation, theta, value) => {
      if (options.verbose)
        io.stderr(`f_${evaluation}: ${formatValue(value)}, [${formatTheta(theta)}]\n`);
      else progress.update(evaluation, value);
    },
  });
  progress.done();
  const seconds = (performance.now() - started) / 1000;
  const summary = model.summary();
  if (options.json) io.stdout(`${JSON.stringify(toFitJson(summary, seconds))}\n`);
  else io.stdout(`${formatSummary(summary, { format: options.format })}\n`);
  return 0;
}

function formatValue(value: number): string {
  return value.toFixed(5);
}

function formatTheta(theta: Float64Array): string {
  return Array.from(theta, (value) => String(value)).join(", ");
}
